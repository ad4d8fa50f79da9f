import unittest

from parser_worker.profile import ColumnStats


def column(values, name="value", decimal_comma=False):
    stats = ColumnStats(name, decimal_comma)
    for value in values:
        stats.observe(value)
    return stats


def converted(stats, value):
    return stats.value_format.parse(value)


class TypeInferenceTest(unittest.TestCase):

    def test_integer(self):
        stats = column(["1", "-20", "300", ""])
        self.assertEqual("integer", stats.inferred_type)
        self.assertEqual(-20, converted(stats, "-20"))

    def test_decimal_when_any_value_has_a_fraction(self):
        stats = column(["1", "2.50", "1e3"])
        self.assertEqual("decimal", stats.inferred_type)
        self.assertEqual(2.5, converted(stats, "2.50"))

    def test_decimal_comma_only_where_comma_is_not_the_delimiter(self):
        self.assertEqual("decimal", column(["1,5", "2"], decimal_comma=True).inferred_type)
        self.assertEqual("string", column(["1,5", "2"]).inferred_type)

    def test_leading_zeros_stay_text(self):
        self.assertEqual("string", column(["007", "012"]).inferred_type)

    def test_boolean(self):
        stats = column(["true", "False", "yes", "N"])
        self.assertEqual("boolean", stats.inferred_type)
        self.assertIs(False, converted(stats, "N"))

    def test_dates_in_several_notations(self):
        self.assertEqual("2026-01-05", converted(column(["2026-01-05"]), "2026-01-05"))
        self.assertEqual("2026-01-05", converted(column(["05.01.2026"]), "05.01.2026"))
        day_first = column(["05/01/2026", "13/01/2026"])
        self.assertEqual(("date", "2026-01-05"), (day_first.inferred_type,
                                                   converted(day_first, "05/01/2026")))
        month_first = column(["05/01/2026", "01/13/2026"])
        self.assertEqual("2026-05-01", converted(month_first, "05/01/2026"))

    def test_impossible_dates_are_text(self):
        self.assertEqual("string", column(["2026-02-30"]).inferred_type)

    def test_datetime_keeps_its_offset(self):
        stats = column(["2026-01-05T10:15:00Z", "2026-01-05 10:15:30.5+02:00"])
        self.assertEqual("datetime", stats.inferred_type)
        self.assertEqual("2026-01-05T10:15:30.500000+02:00",
                         converted(stats, "2026-01-05 10:15:30.5+02:00"))

    def test_mixed_values_are_text(self):
        self.assertEqual("string", column(["1", "two", "3"]).inferred_type)

    def test_named_columns_hint_phone_and_duration(self):
        self.assertEqual("phone", column(["1001", "+49 30 1234567"], "Caller").inferred_type)
        duration = column(["87", "0:01:27"], "call_duration")
        self.assertEqual(("duration", 87), (duration.inferred_type, converted(duration, "0:01:27")))

    def test_international_numbers_are_phones_without_a_hint(self):
        self.assertEqual("phone", column(["+4930123456", "+14155550100"]).inferred_type)

    def test_profile_counts_nulls_distinct_values_and_examples(self):
        profile = column(["a", "b", "a", "", "NULL"], "letter").to_dict()
        self.assertEqual({"name": "letter", "inferredType": "string", "nullRatio": 0.4,
                          "distinct": 2, "examples": ["a", "b"]}, profile)


if __name__ == "__main__":
    unittest.main()
