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


class TamperCase(LedgerTest):
    """The East Midlands entries 1..12 verified, and the means to tamper with them."""

    def setUp(self):
        super().setUp()
        self.east_midlands(approval="all")  # seqs 1..12
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

    def resign(self, seq, edit, key, key_id=None):
        """Rewrites entry `seq` through protoc's text format: `edit(text, key_id_line)`
        changes the body, which is signed again with `key` (naming `key_id` if given)."""
        signed = protoc("decode", "SignedEntry", self.raw_get(seq))
        self.assertTrue(signed)  # the original decoded, so the format is as expected
        body_text = protoc("decode", "EntryBody", self.body_of(self.raw_get(seq)))
        old_id = [l for l in body_text.splitlines() if l.startswith(b"key_id:")][0]
        if key_id is not None:
            body_text = body_text.replace(old_id, b'key_id: "%s"' % key_id.encode())
        body = protoc("encode", "EntryBody", edit(body_text, old_id))
        with open(self.path("body.bin"), "wb") as f:
            f.write(body)
        subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", key, "-rawin",
                        "-in", self.path("body.bin"), "-out", self.path("sig.bin")], check=True)
        with open(self.path("sig.bin"), "rb") as f:
            sig = f.read()
        text = b'body: "%s"\nsignature: "%s"\n' % (escape(body), escape(sig))
        self.raw_put(seq, protoc("encode", "SignedEntry", text))

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


class Tamper(TamperCase):
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
        self.resign(4, lambda text, old_id: text.replace(
            old_id, b'key_id: "%s"' % rogue_id.strip().encode()), self.path("rogue.key"))
        self.assertFault(4, "is not an authorised signer")

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


class ApprovalTamper(TamperCase):
    """Issue 10: an approval forged, moved onto another decision, or signed by a
    key not entitled to sign it is caught by `verify`."""

    def setUp(self):
        super().setUp()
        self.party_keys = {}
        for pid in ["LEICS", "NOTTS"]:
            self.party_keys[pid] = self.new_key(pid.lower() + "-pcc")
            self.write("signer", "add", "--pub", self.party_keys[pid] + ".pub", "--holder",
                       f"Office of the PCC, {pid}", "--role", "party", "--party", pid,
                       key=self.secretary)  # seqs 13, 14
        self.write("approve", "--seq", "9", key=self.party_keys["LEICS"])  # 15: LEICS's own entry
        self.approval = self.write("approve", "--seq", "12",
                                   key=self.party_keys["NOTTS"])  # 16: NOTTS's own entry
        self.assertEqual(self.verify()[0], 0)

    def key_id_of(self, pid):
        rows = self.ok("history", "--format", "json").json()["entries"]
        row = next(r for r in rows if r["action"] == "signer_added" and r.get("party") == pid)
        return row["summary"].split()[1]

    def test_approval_with_a_flipped_byte_is_forged(self):
        value = bytearray(self.raw_get(self.approval))
        value[-1] ^= 0x01
        self.raw_put(self.approval, bytes(value))
        self.assertFault(self.approval, "does not verify")

    def test_approval_moved_onto_another_decision_without_its_key(self):
        self.resign(self.approval, lambda text, _: replace_once(text, b"    seq: 12\n", b"    seq: 11\n"),
                    self.clerk)
        self.assertFault(self.approval, "signature by key")

    def test_approval_moved_onto_a_decision_not_binding_its_party(self):
        # Signed again with the party's own key, onto LINCS's founding entry,
        # which binds LINCS alone.
        self.write("enter", "--collab", "EMOPSS", "--party", "DERBYS", "--decided", "2019-01-10",
                   "--effective", "2019-04-01")  # 17: binds all five, NOTTS included
        last = self.write("approve", "--seq", "17", key=self.party_keys["NOTTS"])  # 18
        self.resign(last, lambda text, _: replace_once(text, b"    seq: 17\n", b"    seq: 10\n"),
                    self.party_keys["NOTTS"])
        self.assertFault(last, "NOTTS is not bound by entry 10")

    def test_approval_naming_another_body_is_caught(self):
        self.write("enter", "--collab", "EMOPSS", "--party", "DERBYS", "--decided", "2019-01-10",
                   "--effective", "2019-04-01")  # 17
        self.write("withdraw", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2019-01-10",
                   "--effective", "2019-05-01")  # 18: binds NOTTS too
        last = self.write("approve", "--seq", "17", key=self.party_keys["NOTTS"])  # 19
        self.resign(last, lambda text, _: replace_once(text, b"    seq: 17\n", b"    seq: 18\n"),
                    self.party_keys["NOTTS"])
        self.assertFault(last, "the approval names body SHA-256")

    def test_approval_signed_by_another_partys_key(self):
        self.resign(self.approval, lambda text, _: text, self.party_keys["LEICS"],
                    key_id=self.key_id_of("LEICS"))
        self.assertFault(self.approval, "is a party key of LEICS, not of NOTTS")

    def test_approval_signed_by_a_clerk(self):
        clerk_id = self.run_cli("history", "--format", "json").json()["entries"][1]["summary"].split()[1]
        self.resign(self.approval, lambda text, _: text, self.clerk, key_id=clerk_id)
        self.assertFault(self.approval, "only a party's own key may approve")


PROTO_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "proto")


def protoc(mode, message, data):
    return subprocess.run(["protoc", f"--{mode}=govledger.v1.{message}", "-I", PROTO_DIR,
                           "govledger/v1/ledger.proto"], input=data, capture_output=True,
                          check=True).stdout


def escape(data):
    return b"".join(b"\\%03o" % b for b in data)


if __name__ == "__main__":
    unittest.main()
