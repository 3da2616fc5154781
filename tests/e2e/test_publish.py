"""Trust beyond one machine (issue 9): the log's C2SP origin and verifier key,
`publish` as a C2SP tlog-tiles tree read back here by a reader written from
the specifications alone (c2sp.org/tlog-tiles, tlog-checkpoint, signed-note),
and `mirror` following it from a directory and over HTTP on 127.0.0.1."""
import base64
import hashlib
import os
import subprocess
import tempfile
import unittest

from harness import LedgerTest

ORIGIN = "ledger.example.police.uk/east-midlands-board"
EM_DASH = "\u2014"


def sha256(data):
    return hashlib.sha256(data).digest()


def raw_public_key(pem_path):
    """The 32-byte Ed25519 key: the last 32 bytes of its SubjectPublicKeyInfo."""
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", pem_path, "-outform", "DER"],
                         capture_output=True, check=True).stdout
    return der[-32:]


def openssl_verify(pem_path, message, signature, tmp):
    msg, sig = os.path.join(tmp, "msg"), os.path.join(tmp, "sig")
    with open(msg, "wb") as f:
        f.write(message)
    with open(sig, "wb") as f:
        f.write(signature)
    proc = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pem_path,
                           "-rawin", "-in", msg, "-sigfile", sig], capture_output=True)
    return proc.returncode == 0


def vkey(name, raw):
    """signed-note.md "Verifier keys", for an Ed25519 key (type 0x01)."""
    key_id = sha256(name.encode() + b"\n\x01" + raw)[:4]
    key = base64.b64encode(b"\x01" + raw).decode()
    return f"{name}+{key_id.hex()}+{key}"


def note_signatures(note):
    """signed-note.md: (text, [(key name, 4-byte key ID, signature)])."""
    text, _, sigs = note.rpartition("\n\n")
    out = []
    for line in sigs.splitlines():
        assert line.startswith(EM_DASH + " "), line
        name, blob = line[2:].split(" ")
        blob = base64.b64decode(blob)
        out.append((name, blob[:4], blob[4:]))
    return (text + "\n").encode(), out


class Origin(LedgerTest):
    """`init --origin` and `key vkey`: what witnesses and policies name the log by."""

    def setUp(self):
        # A ledger of its own with an origin, instead of the harness's.
        self.tmp = tempfile.mkdtemp(prefix="govledger-e2e-")
        self.addCleanup(subprocess.run, ["rm", "-rf", self.tmp])
        self.dir = os.path.join(self.tmp, "ledger")
        self.secretary = self.new_key("secretary")
        self.ok("init", "--board", "East Midlands PCCs and Chief Constables Board",
                "--holder", "Board secretary", "--origin", ORIGIN, "--key", self.secretary)

    def test_origin_is_the_note_first_line_and_key_name(self):
        cp = self.ok("checkpoint", "--key", self.secretary, "--format", "json").json()
        text, sigs = note_signatures(cp["note"])
        self.assertEqual(text.decode().splitlines(), [ORIGIN, "1", base64.b64encode(
            bytes.fromhex(cp["root_hash"])).decode()])
        raw = raw_public_key(self.secretary + ".pub")
        self.assertEqual(len(sigs), 1)
        name, key_id, sig = sigs[0]
        self.assertEqual(name, ORIGIN)
        self.assertEqual(key_id, sha256(ORIGIN.encode() + b"\n\x01" + raw)[:4])
        self.assertTrue(openssl_verify(self.secretary + ".pub", text, sig, self.tmp))

    def test_key_vkey_prints_the_c2sp_verifier_key(self):
        out = self.ok("key", "vkey", self.secretary + ".pub", "--name", ORIGIN).out
        self.assertEqual(out, vkey(ORIGIN, raw_public_key(self.secretary + ".pub")) + "\n")
        bad = self.run_cli("key", "vkey", self.secretary + ".pub", "--name", "has space")
        self.assertEqual(bad.code, 2)
        self.assertIn("space", bad.err)

    def test_verify_accepts_its_own_note_and_refuses_another_origin(self):
        note = self.path("cp.note")
        with open(note, "w") as f:
            f.write(self.ok("checkpoint", "--key", self.secretary, "--format", "json")
                    .json()["note"])
        code, report = self.verify("--checkpoint", note)
        self.assertEqual(code, 0, report)
        other = os.path.join(self.tmp, "other")
        self.ok("init", "--board", "Other", "--holder", "Sec", "--key", self.secretary,
                "--ledger", other)
        result = self.run_cli("verify", "--format", "json", "--checkpoint", note,
                              "--ledger", other)
        self.assertEqual(result.code, 1)
        self.assertIn(f"is for log {ORIGIN}, not govledger/", result.json()["fault"])

    def test_a_bad_origin_is_refused_and_nothing_is_made(self):
        where = os.path.join(self.tmp, "bad")
        result = self.run_cli("init", "--board", "B", "--holder", "H", "--key", self.secretary,
                              "--origin", "https://a b", "--ledger", where)
        self.assertEqual(result.code, 2)
        self.assertIn("origin", result.err)
        self.assertFalse(os.path.exists(where))


if __name__ == "__main__":
    unittest.main()
