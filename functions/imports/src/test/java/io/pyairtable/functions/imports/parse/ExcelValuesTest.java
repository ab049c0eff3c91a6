package io.pyairtable.functions.imports.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ExcelValuesTest {

    @Test
    void numbersAsExcelShowsThem() {
        assertThat(ExcelValues.number("1")).isEqualTo("1");
        assertThat(ExcelValues.number("1.0")).isEqualTo("1");
        assertThat(ExcelValues.number("-0")).isEqualTo("0");
        assertThat(ExcelValues.number("0.30000000000000004")).isEqualTo("0.3");
        assertThat(ExcelValues.number("1.2345678901234567E+20")).isEqualTo("123456789012346000000");
        assertThat(ExcelValues.number("1E-7")).isEqualTo("0.0000001");
        assertThat(ExcelValues.number("not a number")).isEqualTo("not a number");
    }

    @Test
    void dateSerials() {
        assertThat(ExcelValues.date("45292", false)).isEqualTo("2024-01-01");
        assertThat(ExcelValues.date("45292.75", false)).isEqualTo("2024-01-01T18:00:00");
        assertThat(ExcelValues.date("45292.99998", false)).isEqualTo("2024-01-01T23:59:58");
        assertThat(ExcelValues.date("45292.9999999", false)).isEqualTo("2024-01-02");
        assertThat(ExcelValues.date("59", false)).isEqualTo("1900-02-28");
        assertThat(ExcelValues.date("61", false)).isEqualTo("1900-03-01");
        assertThat(ExcelValues.date("0.5", false)).isEqualTo("12:00:00");
        assertThat(ExcelValues.date("0", true)).isEqualTo("00:00:00");
        assertThat(ExcelValues.date("1", true)).isEqualTo("1904-01-02");
        assertThat(ExcelValues.date("-1", false)).isNull();
        assertThat(ExcelValues.date("3000000", false)).isNull();
        assertThat(ExcelValues.date("x", false)).isNull();
    }

    @Test
    void dateFormats() {
        for (int id : new int[] {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}) {
            assertThat(ExcelValues.isBuiltInDateFormat(id)).as("%d", id).isTrue();
        }
        for (int id : new int[] {0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 40, 44, 48, 49}) {
            assertThat(ExcelValues.isBuiltInDateFormat(id)).as("%d", id).isFalse();
        }
        assertThat(ExcelValues.isDateFormat("yyyy-mm-dd")).isTrue();
        assertThat(ExcelValues.isDateFormat("dd/mm/yyyy\\ hh:mm")).isTrue();
        assertThat(ExcelValues.isDateFormat("[$-409]mmmm d, yyyy")).isTrue();
        assertThat(ExcelValues.isDateFormat("[h]:mm:ss")).isTrue();
        assertThat(ExcelValues.isDateFormat("h:mm AM/PM")).isTrue();
        assertThat(ExcelValues.isDateFormat("General")).isFalse();
        assertThat(ExcelValues.isDateFormat("0.00")).isFalse();
        assertThat(ExcelValues.isDateFormat("#,##0.00 \"days\"")).isFalse();
        assertThat(ExcelValues.isDateFormat("0.0\\h")).isFalse();
        assertThat(ExcelValues.isDateFormat("[Red]#,##0;[Blue]-#,##0")).isFalse();
        assertThat(ExcelValues.isDateFormat("#,##0 [$€-407]")).isFalse();
        assertThat(ExcelValues.isDateFormat("_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)")).isFalse();
        assertThat(ExcelValues.isDateFormat(null)).isFalse();
    }

    @Test
    void numbersParsing() {
        assertThat(Numbers.parse("1,234,567.891")).isEqualTo(new BigDecimal("1234567.891"));
        assertThat(Numbers.parse("999,999.0")).isEqualTo(new BigDecimal("999999.0"));
        assertThat(Numbers.parse("1234,567.8")).isNull();
        assertThat(Numbers.parse(",123.5")).isNull();
        assertThat(Numbers.parse("1,234")).isNull();
        assertThat(Numbers.ambiguousThousands("1,234")).isTrue();
        assertThat(Numbers.ambiguousThousands("1,2345")).isFalse();
        assertThat(Numbers.parse("5.")).isEqualTo(new BigDecimal("5"));
        assertThat(Numbers.parse("1e99999")).isNull();
        assertThat(Numbers.parse("")).isNull();
    }
}
