"""Checkpoints, proofs and the audit bundle (SPEC §5): an auditor need not trust
govledger. Proofs are checked here with an independent RFC 9162 verifier, and
the bundle with openssl and protoc by following VERIFY.md as written."""
import base64
import hashlib
import json
import os
import re
import subprocess
import unittest

from harness import LedgerTest


def h(data):
    return hashlib.sha256(data).digest()


def verify_inclusion(index, size, leaf, proof, root):  # RFC 9162 §2.1.3.2
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = h(b"\x01" + p + r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = h(b"\x01" + r + p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(m, n, old, new, proof):  # RFC 9162 §2.1.4.2
    if m == n:
        return not proof and old == new
    path = ([old] if m & (m - 1) == 0 else []) + proof
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = h(b"\x01" + c + fr), h(b"\x01" + c + sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = h(b"\x01" + sr + c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old and sr == new


class Transparency(LedgerTest):
    def setUp(self):
        super().setUp()
        self.east_midlands()  # 12 entries

    def checkpoint(self, name="checkpoint.json"):
        out = self.path(name)
        self.ok("checkpoint", "--key", self.clerk, "--out", out)
        with open(out) as f:
            return out, json.load(f)

    def test_inclusion_proofs_verify_independently(self):
        _, cp = self.checkpoint()
        root = bytes.fromhex(cp["root_hash"])
        for seq in range(1, 13):
            p = self.ok("prove", "--seq", str(seq), "--format", "json").json()
            self.assertEqual((p["seq"], p["leaf_index"], p["tree_size"]), (seq, seq - 1, 12))
            self.assertEqual(p["root_hash"], cp["root_hash"])
            proof = [bytes.fromhex(x) for x in p["proof"]]
            self.assertTrue(verify_inclusion(seq - 1, 12, bytes.fromhex(p["leaf_hash"]), proof, root))
            self.assertFalse(verify_inclusion(seq % 12, 12, bytes.fromhex(p["leaf_hash"]), proof, root))
        older = self.ok("prove", "--seq", "3", "--size", "5", "--format", "json").json()
        self.assertEqual(older["tree_size"], 5)
        # "What the ledger said then": the tree as of seq 7.
        then = self.ok("prove", "--seq", "3", "--as-of-seq", "7", "--format", "json").json()
        self.assertEqual(then["tree_size"], 7)
        self.assertEqual(then["root_hash"], self.ok("prove", "--seq", "1", "--size", "7", "--format", "json").json()["root_hash"])
        self.assertEqual(self.run_cli("prove", "--seq", "13").code, 2)
        self.assertEqual(self.run_cli("prove", "--seq", "3", "--size", "2").code, 2)

    def test_consistency_proofs_verify_independently(self):
        roots = {}
        for size in range(1, 13):
            roots[size] = self.ok("prove", "--seq", "1", "--size", str(size), "--format", "json").json()["root_hash"]
        for m in range(1, 13):
            p = self.ok("prove", "--from", str(m), "--to", "12", "--format", "json").json()
            self.assertEqual((p["old_root"], p["new_root"]), (roots[m], roots[12]))
            proof = [bytes.fromhex(x) for x in p["proof"]]
            self.assertTrue(verify_consistency(m, 12, bytes.fromhex(roots[m]), bytes.fromhex(roots[12]), proof))
        self.assertEqual(self.run_cli("prove", "--from", "5", "--to", "4").code, 2)

    def test_checkpoint_json_and_signed_note(self):
        out, cp = self.checkpoint()
        code, report = self.verify()
        self.assertEqual((cp["tree_size"], cp["root_hash"]), (report["tree_size"], report["root_hash"]))
        self.assertEqual(cp["ledger_id"], report["ledger_id"])
        with open(self.path("checkpoint.note"), encoding="utf-8") as f:
            note = f.read()
        origin = "govledger/" + cp["ledger_id"]
        body, _, sigs = note.partition("\n\n")
        self.assertEqual(body + "\n", f"{origin}\n12\n{base64.b64encode(bytes.fromhex(cp['root_hash'])).decode()}\n")
        self.assertTrue(sigs.startswith("\u2014 " + origin + " "))
        blob = base64.b64decode(sigs.split()[-1])
        self.assertEqual(len(blob), 4 + 64)
        # C2SP signed-note key hash: SHA-256(name || 0x0A || 0x01 || pubkey)[:4].
        der = subprocess.run(["openssl", "pkey", "-pubin", "-in", self.clerk + ".pub", "-outform", "DER"],
                             capture_output=True, check=True).stdout
        self.assertEqual(blob[:4], h(origin.encode() + b"\n\x01" + der[-32:])[:4])

    def test_verify_against_checkpoint_catches_truncation(self):
        out, _ = self.checkpoint()
        self.assertEqual(self.verify("--checkpoint", out)[0], 0)
        self.raw_delete(12)
        code, report = self.verify("--checkpoint", out)
        self.assertEqual(code, 1)
        self.assertEqual(report["first_bad_seq"], 12)
        self.assertIn("truncated", report["fault"])
        # Without the checkpoint the shorter log is internally consistent.
        self.assertEqual(self.verify()[0], 0)

    def test_verify_against_checkpoint_catches_rewritten_history(self):
        out, _ = self.checkpoint()
        # Drop the last two entries and append different, validly signed ones.
        self.raw_delete(12)
        self.raw_delete(11)
        self.write("enter", "--collab", "EMOPSS", "--party", "DERBYS", "--decided", "2014-12-09",
                   "--effective", "2015-04-01")
        self.write("enter", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2014-12-09",
                   "--effective", "2015-04-01")
        self.assertEqual(self.verify()[0], 0, "every signature in the rewritten log is valid")
        code, report = self.verify("--checkpoint", out)
        self.assertEqual(code, 1)
        self.assertIn("history was rewritten", report["fault"])
        self.assertEqual(report["first_bad_seq"], 12)

    def test_verify_against_the_signed_note_alone(self):
        # A witness or a PCC website may hold only the C2SP note.
        self.checkpoint()
        note = self.path("checkpoint.note")
        self.assertEqual(self.verify("--checkpoint", note)[0], 0)
        self.raw_delete(12)
        code, report = self.verify("--checkpoint", note)
        self.assertEqual(code, 1)
        self.assertIn("truncated", report["fault"])
        with open(note, encoding="utf-8") as f:
            text = f.read()
        forged = text.replace("\n12\n", "\n11\n", 1)
        with open(self.path("forged.note"), "w", encoding="utf-8") as f:
            f.write(forged)
        code, report = self.verify("--checkpoint", self.path("forged.note"))
        self.assertEqual(code, 1)
        self.assertIn("no valid signature by a signer", report["fault"])

    def test_checkpoint_to_an_unwritable_place_stores_nothing(self):
        for out in (self.path("no-such-dir/cp.json"), self.tmp):
            result = self.run_cli("checkpoint", "--key", self.clerk, "--out", out)
            self.assertEqual(result.code, 2, result.out)
            self.assertEqual(len(result.err.strip().splitlines()), 1, result.err)
            self.assertIn("cannot write", result.err)
        # No checkpoint was signed and stored: pages made from one still refuse.
        page = self.run_cli("register", "--at", "2016-01-01", "--format", "html")
        self.assertEqual(page.code, 2)
        self.assertIn("govledger checkpoint", page.err)

    def test_checkpoint_from_another_ledger_or_forged(self):
        out, cp = self.checkpoint()
        forged = dict(cp, signature=base64.b64encode(b"\x00" * 64).decode())
        with open(self.path("forged.json"), "w") as f:
            json.dump(forged, f)
        code, report = self.verify("--checkpoint", self.path("forged.json"))
        self.assertEqual(code, 1)
        self.assertIn("checkpoint signature does not verify", report["fault"])

    def test_bundle_verifies_with_openssl_and_protoc_following_verify_md(self):
        self.checkpoint()
        bundle = self.path("bundle")
        self.ok("export", "--out", bundle)
        self.assertEqual(sorted(os.listdir(bundle)),
                         ["VERIFY.md", "checkpoint.json", "checkpoint.note", "entries.jsonl", "keys", "proto"])
        with open(os.path.join(bundle, "entries.jsonl")) as f:
            lines = [json.loads(l) for l in f]
        self.assertEqual([l["seq"] for l in lines], list(range(1, 13)))
        self.assertEqual(lines[8]["event"]["party_entered"]["party_id"], "LEICS")
        for line in lines:
            self.assertEqual(h(b"\x00" + base64.b64decode(line["body"])).hex(), line["leaf_hash"])
        outputs = self.run_verify_md(bundle)
        self.assertEqual(len(outputs), 9)
        self.assertIn("Signature Verified Successfully", outputs[1])
        self.assertIn("board: \"East Midlands PCCs and Chief Constables Board\"", outputs[2])
        key_lines = outputs[3].split()
        self.assertEqual(key_lines[0], key_lines[1])
        self.assertIn("every signature verifies", outputs[4])
        self.assertEqual(outputs[5].count("Signature Verified Successfully"), 2)
        self.assertIn("OK: 12 entries", outputs[6])

        # A changed byte in one body fails the openssl and root steps.
        tampered = base64.b64decode(lines[3]["body"]).replace(b"Leicestershire", b"Leicestershirf")
        lines[3]["body"] = base64.b64encode(tampered).decode()
        with open(os.path.join(bundle, "entries.jsonl"), "w") as f:
            f.writelines(json.dumps(l) + "\n" for l in lines)
        blocks = self.verify_md_blocks(bundle)
        failed = subprocess.run(["bash", "-euo", "pipefail", "-c", blocks[4]], cwd=bundle, capture_output=True, text=True)
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("seq 4: signature does not verify", failed.stdout)
        root = subprocess.run(["bash", "-euo", "pipefail", "-c", blocks[6]], cwd=bundle, capture_output=True, text=True)
        self.assertNotEqual(root.returncode, 0)
        self.assertIn("seq 4: leaf hash differs", root.stderr)


    def test_register_html_is_made_from_a_checkpoint_and_carries_its_root(self):
        missing = self.run_cli("register", "--at", "2016-01-01", "--format", "html")
        self.assertEqual(missing.code, 2)
        self.assertIn("made from a checkpoint", missing.err)
        self.write("collab", "establish", "--id", "EMLS", "--name", "Legal <Services> & Co",
                   "--decided", "2014-12-09", "--effective", "2015-04-01")
        _, cp = self.checkpoint()
        # Entries after the checkpoint are not on the page until the next one.
        self.write("enter", "--collab", "EMOPSS", "--party", "DERBYS", "--decided", "2015-06-01",
                   "--effective", "2015-07-01")
        page = self.ok("register", "--at", "2016-01-01", "--format", "html").out
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        self.assertIn(f'<code id="root-hash">{cp["root_hash"]}</code>', page)
        self.assertIn("Legal &lt;Services&gt; &amp; Co", page)
        self.assertIn("Leicestershire (LEICS), since 1 April 2015\nLincolnshire (LINCS), since 1 April 2015\n"
                      "Northamptonshire (NORTHANTS), since 1 April 2015\nNottinghamshire (NOTTS), since 1 April 2015<",
                      page)
        self.assertNotIn("DERBYS", page)
        self.assertEqual(self.run_cli("state", "--collab", "EMOPSS", "--at", "2016-01-01",
                                      "--format", "html").code, 2)

    def test_refused_export_leaves_no_partial_bundle(self):
        self.checkpoint()
        value = self.raw_get(4)
        self.raw_put(4, value.replace(b"Leicestershire", b"Leicestershirf"))
        result = self.run_cli("export", "--out", self.path("bundle"))
        self.assertEqual(result.code, 2)
        self.assertIn("differs from its checkpoint", result.err)
        self.assertFalse(os.path.exists(self.path("bundle")))
        self.assertEqual([n for n in os.listdir(self.tmp) if "bundle" in n], [])

    def test_export_needs_a_checkpoint_and_an_empty_directory(self):
        result = self.run_cli("export", "--out", self.path("b"))
        self.assertEqual(result.code, 2)
        self.assertIn("no checkpoint yet", result.err)
        self.checkpoint()
        self.ok("export", "--out", self.path("b"))
        again = self.run_cli("export", "--out", self.path("b"))
        self.assertEqual(again.code, 2)
        self.assertIn("not empty", again.err)


if __name__ == "__main__":
    unittest.main()
