package io.pyairtable.functions.imports.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The hand-written fast paths agree with the general implementations they shortcut. */
class ConversionPropertiesTest {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    @Property(tries = 2000)
    void timestampFormatAgreesWithJavaTime(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long second,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nano) {
        Instant instant = Instant.ofEpochSecond(second, nano);
        assertThat(IsoTimes.timestamp(instant)).isEqualTo(TIMESTAMP.format(instant));
    }

    @Provide
    Arbitrary<String> isoLike() {
        return Arbitraries.of("2024", "1999", "0000", "9999", "-", "T", ":", "0", "1", "2", "3", "5", "9", "12", "29",
                "30", "31", "59", "60", "24", "23", "02", "13", "00").list().ofMinSize(3).ofMaxSize(14)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void localDateTimeFastPathAgreesWithTheIsoParser(@ForAll("isoLike") String text) {
        LocalDateTime fast = IsoTimes.localDateTime(text);
        if (fast != null) {
            assertThat(fast).isEqualTo(LocalDateTime.parse(text));
        } else if (text.length() == 16 || text.length() == 19) {
            boolean parses;
            try {
                LocalDateTime.parse(text);
                parses = true;
            } catch (DateTimeParseException e) {
                parses = false;
            }
            // the fast path declines only shapes it does not handle; java.time then decides
            if (parses) {
                assertThat(text).doesNotMatch("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");
            }
        }
        LocalDate date = IsoTimes.date(text, 0);
        if (date != null && text.length() == 10) {
            assertThat(date).isEqualTo(LocalDate.parse(text));
        }
    }

    @Property(tries = 2000)
    void validDatesTakeTheFastPath(@ForAll @LongRange(min = 0, max = 2_932_896) long day,
            @ForAll @LongRange(min = 0, max = 86_399) long second, @ForAll boolean withSeconds) {
        LocalDateTime time = LocalDate.ofEpochDay(day - 719_528).atStartOfDay().plusSeconds(second);
        String text = time.format(DateTimeFormatter.ofPattern(withSeconds ? "uuuu-MM-dd'T'HH:mm:ss" : "uuuu-MM-dd'T'HH:mm"));
        assertThat(IsoTimes.localDateTime(text)).isEqualTo(LocalDateTime.parse(text));
    }

    @Provide
    Arbitrary<String> emailLike() {
        return Arbitraries.of("a", "b", "@", ".", " ", "\t", "\n", "\u00a0", "é", "-", "+", "example", "com")
                .list().ofMaxSize(10).map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void emailCheckAgreesWithItsRegularExpression(@ForAll("emailLike") String text) {
        assertThat(FieldRule.isEmail(text)).isEqualTo(EMAIL.matcher(text).matches());
    }

    @Property(tries = 1000)
    void plainDecimalsParseAsBigDecimal(@ForAll BigDecimal number) {
        assertThat(Numbers.parse(number.toPlainString())).isEqualByComparingTo(number);
    }
}
