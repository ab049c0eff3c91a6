package io.pyairtable.sandbox;

import io.pyairtable.sandbox.formula.Formula;
import io.pyairtable.sandbox.formula.FormulaException;
import io.pyairtable.sandbox.formula.RecordView;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A compiled {@code filterByFormula} (or view filter) bound to a table. Field references may use
 * names or ids; linked records appear as their primary field values, as in Airtable formulas.
 */
final class FormulaFilter implements Predicate<StoredRecord> {

    private final Base base;
    private final Table table;
    private final Formula formula;

    private FormulaFilter(Base base, Table table, Formula formula) {
        this.base = base;
        this.table = table;
        this.formula = formula;
    }

    /** Compiles and checks field references; invalid formulas → 422 INVALID_FILTER_BY_FORMULA. */
    static FormulaFilter compile(Base base, Table table, String text) {
        Formula formula;
        try {
            formula = Formula.compile(text);
        } catch (FormulaException e) {
            throw AirtableErrors.invalidFormula(e.getMessage());
        }
        List<String> unknown = formula.referencedFields().stream()
                .filter(name -> table.field(name).isEmpty())
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw AirtableErrors.unknownFormulaFields(unknown);
        }
        return new FormulaFilter(base, table, formula);
    }

    @Override
    public boolean test(StoredRecord record) {
        try {
            return formula.matches(new FormulaRecordView(record));
        } catch (RuntimeException evaluationError) {
            return false; // Airtable treats #ERROR! as not matching
        }
    }

    private final class FormulaRecordView implements RecordView {

        private final StoredRecord record;

        FormulaRecordView(StoredRecord record) {
            this.record = record;
        }

        @Override
        public String id() {
            return record.id();
        }

        @Override
        public Instant createdTime() {
            return record.createdTime();
        }

        @Override
        public Object field(String name) {
            Field field = table.field(name).orElse(null);
            if (field == null) {
                return null;
            }
            Object value = CellReader.read(table, field, record);
            if (field.type() == FieldType.MULTIPLE_RECORD_LINKS && value != null) {
                return CellReader.linkedNames(base, field, value);
            }
            return value;
        }
    }
}
