import unittest

from parser_worker.tenancy import is_valid_tenant_id

# The same examples as the API's TenantIdTest.
VALID = ("a", "acme", "Acme-Corp", "tenant_01", "eu.acme", "9lives", "a..b", "a" * 64)
INVALID = (None, "", ".acme", "-acme", "_acme", ".", "..", "../other", "..\\other",
           "acme/../other", "acme/jobs", "acme\\jobs", "acme corp", " acme", "acme\n", "acme:1",
           "acmé", "acme%2F..", "*", "a" * 65, 42)


class TenantIdTest(unittest.TestCase):

    def test_accepts_ordinary_tenant_ids(self):
        for tenant_id in VALID:
            with self.subTest(tenant_id=tenant_id):
                self.assertTrue(is_valid_tenant_id(tenant_id))

    def test_refuses_everything_else(self):
        for tenant_id in INVALID:
            with self.subTest(tenant_id=tenant_id):
                self.assertFalse(is_valid_tenant_id(tenant_id))


if __name__ == "__main__":
    unittest.main()
