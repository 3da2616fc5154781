"""Tampering with the stored log through RocksDB's own `ldb` tool is caught by
`verify`, which exits 1 naming the first bad seq (SPEC §2, §5)."""
import os
import shutil
import subprocess
import unittest

from harness import BIN, LedgerTest


def replace_once(data, old, new):
    assert data.count(old) == 1, (old, data)
    return data.replace(old, new)


class Tamper(LedgerTest):
    def setUp(self):
        super().setUp()
        self.east_midlands()  # seqs 1..12
        code, report = self.verify()
        self.assertEqual(code, 0, report)
        self.assertEqual((report["entries"], report["tree_size"]), (12, 12))
        self.good_root = report["root_hash"]

    def assertFault(self, first_bad_seq, fragment):
        code, report = self.verify()
        self.assertEqual(code, 1, report)
        self.assertFalse(report["ok"])
        self.assertEqual(report["first_bad_seq"], first_bad_seq, report)
        self.assertIn(fragment, report["fault"])
        table = self.run_cli("verify")
        self.assertEqual(table.code, 1)
        self.assertIn("FAULT", table.out)

    def test_flipped_byte_in_a_body(self):
        value = self.raw_get(7)  # party_added NOTTS
        self.raw_put(7, replace_once(value, b"Nottinghamshire", b"Nottinghamshirf"))
        self.assertFault(7, "signature by key")

    def test_flipped_byte_in_a_signature(self):
        value = bytearray(self.raw_get(7))
        value[-1] ^= 0x01  # the signature is the last field of SignedEntry
        self.raw_put(7, bytes(value))
        self.assertFault(7, "does not verify")

    def test_bytes_appended_to_a_stored_value(self):
        # An unknown field parses as the same entry; verify must still see it.
        self.raw_put(6, self.raw_get(6) + bytes.fromhex("2203414243"))
        self.assertFault(6, "not exactly SignedEntry")

    def test_verify_as_of_an_earlier_seq_stops_before_a_later_fault(self):
        self.raw_delete(10)
        code, report = self.verify("--as-of-seq", "9")
        self.assertEqual((code, report["entries"]), (0, 9))
        self.assertEqual(self.verify()[0], 1)

    def test_log_key_that_is_not_a_seq(self):
        # A 9-byte key after the last entry: tampering, reported where it sits.
        self.ldb("put", self.key_hex(12) + "FF", "0x" + self.raw_get(12).hex().upper())
        self.assertFault(13, "not 8 bytes")

    def test_deleted_entry(self):
        self.raw_delete(8)
        self.assertFault(8, "entry 8 is missing")

    def test_two_entries_swapped(self):
        a, b = self.raw_get(9), self.raw_get(10)
        self.raw_put(9, b)
        self.raw_put(10, a)
        self.assertFault(9, "holds an entry numbered 10")

    def test_entry_copied_in_from_another_ledger(self):
        other = os.path.join(self.tmp, "other")
        env = {"GOVLEDGER_DIR": other}
        self.assertEqual(self.run_cli("init", "--board", "Another board", "--holder", "Board secretary",
                                      "--key", self.secretary, env=env).code, 0)
        self.assertEqual(self.run_cli("signer", "add", "--pub", self.clerk + ".pub", "--holder", "Board clerk",
                                      "--role", "clerk", "--key", self.secretary, env=env).code, 0)
        self.assertEqual(self.run_cli("party", "add", "--id", "DERBYS", "--name", "Derbyshire",
                                      "--key", self.clerk, env=env).code, 0)
        foreign = subprocess.run(["ldb", f"--db={other}", "--column_family=log", "--hex", "get",
                                  self.key_hex(3)], capture_output=True, text=True, check=True).stdout.strip()
        self.raw_put(3, bytes.fromhex(foreign[2:]))
        self.assertFault(3, "belongs to ledger")

    def test_entry_resigned_by_an_unauthorised_key(self):
        # Rebuild entry 4 with protoc: same event, but naming and signed by a rogue key.
        rogue_id = self.run_cli("key", "new", self.path("rogue.key")).out  # unknown to the ledger
        proto_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "proto")
        def protoc(mode, message, data):
            return subprocess.run(["protoc", f"--{mode}=govledger.v1.{message}", "-I", proto_dir,
                                   "govledger/v1/ledger.proto"], input=data, capture_output=True,
                                  check=True).stdout
        signed = protoc("decode", "SignedEntry", self.raw_get(4))
        body_text = protoc("decode", "EntryBody", self.body_of(self.raw_get(4)))
        old_id = [l for l in body_text.splitlines() if l.startswith(b"key_id:")][0]
        body = protoc("encode", "EntryBody", body_text.replace(old_id, b'key_id: "%s"' % rogue_id.strip().encode()))
        with open(self.path("body.bin"), "wb") as f:
            f.write(body)
        subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", self.path("rogue.key"), "-rawin",
                        "-in", self.path("body.bin"), "-out", self.path("sig.bin")], check=True)
        with open(self.path("sig.bin"), "rb") as f:
            sig = f.read()
        text = b'body: "%s"\nsignature: "%s"\n' % (escape(body), escape(sig))
        self.assertTrue(signed)  # the original decoded, so the format is as expected
        self.raw_put(4, protoc("encode", "SignedEntry", text))
        self.assertFault(4, "is not an authorised signer")

    @staticmethod
    def body_of(signed_entry):
        # SignedEntry field 1 (tag 0x0a) holds the body, length as a varint.
        assert signed_entry[0] == 0x0A
        length, shift, i = 0, 0, 1
        while True:
            length |= (signed_entry[i] & 0x7F) << shift
            shift += 7
            i += 1
            if signed_entry[i - 1] < 0x80:
                return signed_entry[i:i + length]

    def test_derived_index_is_not_trusted(self):
        # Wiping the Merkle nodes does not change what verify says; reindex restores proofs.
        subprocess.run(["ldb", f"--db={self.dir}", "--column_family=tree", "--hex", "deleterange",
                        "0x00", "0xFF"], check=True, capture_output=True)
        code, report = self.verify()
        self.assertEqual((code, report["root_hash"]), (0, self.good_root))
        self.assertEqual(self.run_cli("prove", "--seq", "3").code, 2)
        self.ok("reindex")
        proof = self.ok("prove", "--seq", "3", "--format", "json").json()
        self.assertEqual(proof["root_hash"], self.good_root)


def escape(data):
    return b"".join(b"\\%03o" % b for b in data)


if __name__ == "__main__":
    unittest.main()
