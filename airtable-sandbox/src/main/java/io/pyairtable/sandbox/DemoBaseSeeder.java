package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seeds the "Demo CRM" base: Companies, Contacts and Deals with realistic, deterministic data. Every
 * id is derived from names ({@link Ids#stable}), so the ids are the same on every start and can be
 * quoted in documentation. Deals has an extra view "Open deals" (stage neither Won nor Lost,
 * soonest close date first).
 */
final class DemoBaseSeeder {

    static final String BASE_ID = "appDemoCrmSandbox";
    static final String BASE_NAME = "Demo CRM";
    static final String OPEN_DEALS_VIEW = "Open deals";

    private static final Instant FIRST_CREATED = Instant.parse("2024-01-15T09:00:00Z");

    private record Company(String name, String industry, String domain, int employees) {
    }

    private record Contact(String name, String title, int company) {
    }

    private static final List<Company> COMPANIES = List.of(
            new Company("Acme Analytics", "Software", "acme-analytics.example.com", 120),
            new Company("Bluewater Logistics", "Logistics", "bluewater-logistics.example.com", 640),
            new Company("Cedar Health Partners", "Healthcare", "cedarhealth.example.com", 310),
            new Company("Driftwood Retail Group", "Retail", "driftwood-retail.example.com", 2200),
            new Company("Evergreen Manufacturing", "Manufacturing", "evergreen-mfg.example.com", 850),
            new Company("Foxglove Finance", "Finance", "foxglove.example.com", 45),
            new Company("Granite Robotics", "Manufacturing", "graniterobotics.example.com", 95),
            new Company("Harbor Lights Software", "Software", "harborlights.example.com", 28));

    private static final List<Contact> CONTACTS = List.of(
            new Contact("Olivia Martin", "VP Operations", 0),
            new Contact("Ethan Brooks", "Head of Data", 0),
            new Contact("Sofia Alvarez", "Logistics Director", 1),
            new Contact("Liam O'Connor", "Procurement Manager", 1),
            new Contact("Amara Okafor", "Fleet Manager", 1),
            new Contact("Noah Fischer", "Chief Medical Officer", 2),
            new Contact("Chloe Dubois", "IT Director", 2),
            new Contact("Mateo Rossi", "Store Operations Lead", 3),
            new Contact("Hannah Kim", "E-commerce Manager", 3),
            new Contact("Lucas Silva", "CFO", 3),
            new Contact("Grace Thompson", "Plant Manager", 4),
            new Contact("Yusuf Demir", "Quality Engineer", 4),
            new Contact("Emma Johansson", "Supply Chain Analyst", 4),
            new Contact("Daniel Novak", "Managing Partner", 5),
            new Contact("Isabella Costa", "Compliance Officer", 5),
            new Contact("Kenji Watanabe", "CTO", 6),
            new Contact("Fatima Zahra", "Product Manager", 6),
            new Contact("Oscar Lindqvist", "Founder & CEO", 7),
            new Contact("Mia Schneider", "Engineering Manager", 7),
            new Contact("Ravi Patel", "Head of Sales", 7));

    private static final String[] PRODUCTS = {"Analytics Platform", "Support Plan", "Onboarding Package",
        "Data Migration", "Enterprise Licence"};
    private static final String[] STAGES = {"Lead", "Qualified", "Proposal", "Won", "Lost"};
    private static final String[] OWNERS = {"Maya Chen", "Jonas Weber", "Priya Natarajan"};
    private static final int DEALS = 25;

    private DemoBaseSeeder() {
    }

    static void seed(Workspace workspace) {
        SchemaEditor editor = new SchemaEditor(IdSource.STABLE);
        Base base = editor.createBase(BASE_ID, BASE_NAME, schema());
        Table companies = base.requireTable("Companies");
        Table contacts = base.requireTable("Contacts");
        Table deals = base.requireTable("Deals");
        deals.addView(new View(Ids.stable("viw", BASE_ID + "/Deals/" + OPEN_DEALS_VIEW), OPEN_DEALS_VIEW,
                "AND({Stage} != 'Won', {Stage} != 'Lost')", List.of(new SortSpec("Close Date", false))));

        Seeding seeding = new Seeding(base);
        for (int i = 0; i < COMPANIES.size(); i++) {
            Company company = COMPANIES.get(i);
            seeding.add(companies, i, Map.of(
                    "Name", company.name(),
                    "Industry", company.industry(),
                    "Website", "https://" + company.domain(),
                    "Employees", (long) company.employees()));
        }
        for (int i = 0; i < CONTACTS.size(); i++) {
            Contact contact = CONTACTS.get(i);
            Company company = COMPANIES.get(contact.company());
            seeding.add(contacts, i, Map.of(
                    "Name", contact.name(),
                    "Email", emailOf(contact.name(), company.domain()),
                    "Phone", String.format(Locale.ROOT, "+1 555-01%02d", i + 10),
                    "Company", List.of(seeding.recordId(companies, contact.company())),
                    "Title", contact.title()));
        }
        for (int i = 0; i < DEALS; i++) {
            int company = (i * 3) % COMPANIES.size();
            seeding.add(deals, i, Map.of(
                    "Name", COMPANIES.get(company).name() + " - " + PRODUCTS[i % PRODUCTS.length],
                    "Company", List.of(seeding.recordId(companies, company)),
                    "Stage", STAGES[(i * 7 + i / 5) % STAGES.length],
                    "Amount", (2_500L + (i * 7_919L) % 60_000L) / 100L * 100L,
                    "Close Date", LocalDate.of(2024, 2, 1).plusDays(i * 11L).toString(),
                    "Owner", OWNERS[i % OWNERS.length],
                    "Hours", 4L + (i * 13L) % 37L));
        }
        workspace.addBase(base);
    }

    private static String emailOf(String name, String domain) {
        String local = name.toLowerCase(Locale.ROOT).replace("'", "").replace(' ', '.');
        return local + "@" + domain;
    }

    private static List<JsonNode> schema() {
        return List.of(
                table("Companies", List.of(
                        FieldSpec.text("Name"),
                        FieldSpec.singleSelect("Industry", "Software", "Logistics", "Healthcare", "Retail",
                                "Manufacturing", "Finance"),
                        FieldSpec.of("Website", "url"),
                        FieldSpec.number("Employees", 0),
                        FieldSpec.link("Contacts", "Contacts"))),
                table("Contacts", List.of(
                        FieldSpec.text("Name"),
                        FieldSpec.of("Email", "email"),
                        FieldSpec.of("Phone", "phoneNumber"),
                        FieldSpec.link("Company", "Companies"),
                        FieldSpec.text("Title"))),
                table("Deals", List.of(
                        FieldSpec.text("Name"),
                        FieldSpec.link("Company", "Companies"),
                        FieldSpec.singleSelect("Stage", STAGES),
                        new FieldSpec("Amount", "currency", Map.of("precision", 2, "symbol", "$")),
                        FieldSpec.of("Close Date", "date"),
                        FieldSpec.text("Owner"),
                        FieldSpec.number("Hours", 1))));
    }

    static JsonNode table(String name, List<FieldSpec> fields) {
        return Json.toNode(Map.of("name", name, "fields", fields));
    }

    /** Adds seeded records with stable ids and creation times, keeping links consistent. */
    private static final class Seeding {

        private final Base base;
        private int created;

        Seeding(Base base) {
            this.base = base;
        }

        String recordId(Table table, int index) {
            return Ids.stable("rec", BASE_ID + "/" + table.name() + "/" + index);
        }

        void add(Table table, int index, Map<String, Object> valuesByName) {
            Instant createdTime = FIRST_CREATED.plus(Duration.ofMinutes(created++));
            StoredRecord record = new StoredRecord(recordId(table, index), createdTime);
            table.addRecord(record);
            for (Field field : table.fields()) {
                Object value = valuesByName.get(field.name());
                if (value != null) {
                    record.put(field.id(), value);
                    if (field.type() == FieldType.MULTIPLE_RECORD_LINKS) {
                        LinkSync.linkChanged(base, field, record, null, value, createdTime);
                    }
                }
            }
            record.touch(createdTime);
        }
    }
}
