import unittest

from parser_worker.dialect import Dialect, detect_dialect, has_header, sample_rows


def rows(text, delimiter=","):
    return sample_rows(text, Dialect(delimiter))


class DelimiterTest(unittest.TestCase):

    def test_finds_comma(self):
        self.assertEqual(",", detect_dialect("a,b,c\n1,2,3\n4,5,6\n").delimiter)

    def test_finds_semicolon_even_with_decimal_commas(self):
        text = "name;amount;note\nAlice;1,50;x\nBob;2,75;y\nCarol;3,00;z\n"
        self.assertEqual(";", detect_dialect(text).delimiter)

    def test_finds_tab_and_pipe(self):
        self.assertEqual("\t", detect_dialect("a\tb\n1\t2\n3\t4\n").delimiter)
        self.assertEqual("|", detect_dialect("a|b|c\n1|2|3\n4|5|6\n").delimiter)

    def test_keeps_delimiters_inside_quotes(self):
        text = 'id,name,city\n1,"Smith, John",Berlin\n2,"Doe, Jane",Paris\n3,"X",Rome\n'
        dialect = detect_dialect(text)
        self.assertEqual(",", dialect.delimiter)
        self.assertEqual(["1", "Smith, John", "Berlin"], sample_rows(text, dialect)[1])

    def test_tolerates_a_ragged_row(self):
        lines = ["a,b,c"] + [f"{i},{i},{i}" for i in range(10)] + ["1,2"]
        self.assertEqual(",", detect_dialect("\n".join(lines) + "\n").delimiter)

    def test_quotes_with_double_quotes_only(self):
        text = "id,name,code\n1,'Alice',A1\n2,'Bob',B2\n3,'Carol',C3\n"
        dialect = detect_dialect(text)
        self.assertEqual('"', dialect.quotechar)
        self.assertEqual(["1", "'Alice'", "A1"], sample_rows(text, dialect)[1])

    def test_reads_a_doubled_quote_as_one_even_when_the_head_has_none(self):
        head = 'id,name,note\n1,"Smith, John",x\n2,"Doe, Jane",y\n3,"Roe",z\n'
        dialect = detect_dialect(head)
        self.assertTrue(dialect.doublequote)
        later = head + '4,"say ""hi""",w\n'
        self.assertEqual(["4", 'say "hi"', "w"], sample_rows(later, dialect)[4])

    def test_finds_nothing_in_prose(self):
        self.assertIsNone(detect_dialect("Dear customer, thank you.\nWe have, as agreed; sent it"
                                         ".\nRegards\n"))


class HeaderTest(unittest.TestCase):

    def test_header_above_typed_columns(self):
        self.assertTrue(has_header(rows("name,amount\nAlice,1.5\nBob,2\n")))

    def test_no_header_when_first_row_holds_numbers_or_dates(self):
        self.assertFalse(has_header(rows("Alice,1.5\nBob,2\n")))
        self.assertFalse(has_header(rows("x,2024-01-05\ny,2024-01-06\n")))

    def test_no_header_when_first_row_repeats_in_the_data(self):
        self.assertFalse(has_header(rows("red,small\nblue,large\nred,large\n")))

    def test_header_over_text_columns_with_distinct_names(self):
        self.assertTrue(has_header(rows("name,city\nAlice,Berlin\nBob,Paris\n")))

    def test_no_header_when_codes_have_the_same_length_as_the_first_row(self):
        self.assertFalse(has_header(rows("ABC,XYZ\nDEF,UVW\nGHI,RST\n")))

    def test_header_over_padding_columns(self):
        self.assertTrue(has_header(rows("a,b,c,,\n1,2,3,,\n4,5,6,,\n")))

    def test_no_header_when_the_first_row_leaves_a_column_with_values_unnamed(self):
        self.assertFalse(has_header(rows("id,,amount\n1,x,2\n3,y,4\n")))

    def test_no_header_when_names_repeat(self):
        self.assertFalse(has_header(rows("x,x\n1,2\n3,4\n")))


if __name__ == "__main__":
    unittest.main()
