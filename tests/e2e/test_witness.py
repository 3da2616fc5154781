"""Witnesses (C2SP tlog-witness, tlog-cosignature, tlog-policy, tlog-proof):
the real `govledger witness serve` on 127.0.0.1 cosigning the real ledger's
checkpoints; a forked copy of the ledger refused; two witnesses and a 2-of-2
policy, met and then not; concurrent requests from two forks and a witness
killed with SIGKILL mid-stream, never cosigning both forks; a tlog-proof and
the bundle's cosignatures checked with python3 and openssl alone."""
import base64
import hashlib
import os
import shutil
import signal
import subprocess
import threading
import unittest
import urllib.error
import urllib.request

from harness import BIN, LedgerTest
from test_transparency import verify_inclusion


def b64(data):
    return base64.b64encode(data).decode()


def raw_public_key(pub_path):
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", pub_path, "-outform", "DER"],
                         capture_output=True, check=True).stdout
    return der[-32:]


def vkey(name, raw, kind):  # C2SP signed-note verifier key, computed here from the spec
    key_hash = hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + raw).digest()[:4]
    return f"{name}+{key_hash.hex()}+{b64(bytes([kind]) + raw)}"


def post(url, body):
    """POST <url>/add-checkpoint: (status, content type, body text)."""
    req = urllib.request.Request(url + "/add-checkpoint", data=body.encode(), method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode()


class Witness:
    """One `govledger witness serve` process on a free port of 127.0.0.1."""

    def __init__(self, test, name, state, log_arg):
        test.ok("key", "new", test.path(name.replace("/", "_") + ".key"))
        self.key = test.path(name.replace("/", "_") + ".key")
        self.name, self.state, self.log_arg = name, state, log_arg
        self.start()
        test.addCleanup(self.stop)

    def start(self):
        self.proc = subprocess.Popen(
            [BIN, "witness", "serve", "--listen", "127.0.0.1:0", "--name", self.name,
             "--key", self.key, "--log", self.log_arg, "--ledger", self.state],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first, second = self.proc.stdout.readline().split(), self.proc.stdout.readline().split()
        if len(first) != 5 or len(second) != 2:
            self.stop()
            raise AssertionError(f"witness serve did not start: {self.proc.stderr.read()}")
        self.url, self.vkey = first[-1], second[-1]
        assert self.url.startswith("http://127.0.0.1:"), first

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()

    def stop(self):
        if self.proc.poll() is None:
            self.kill()


class WitnessBase(LedgerTest):
    def setUp(self):
        super().setUp()
        self.east_midlands()  # 12 entries
        self.origin = self.note()["note"].split("\n")[0]
        self.log_vkey = vkey(self.origin, raw_public_key(self.clerk + ".pub"), 0x01)
        # The vkey `key vkey` prints is the one computed here from the spec.
        printed = self.ok("key", "vkey", self.clerk + ".pub", "--name", self.origin).out.strip()
        self.assertEqual(printed, self.log_vkey)

    def note(self, *args, ledger=None):
        """A new checkpoint of `ledger` (default: the test's) as JSON."""
        where = ["--ledger", ledger] if ledger else []
        r = self.run_cli("checkpoint", "--key", self.clerk, "--format", "json", *where, *args)
        return r.json() | {"code": r.code, "err": r.err}

    def witness(self, name):
        return Witness(self, name, self.path(name.replace("/", "_") + ".state"),
                       f"{self.origin}={self.log_vkey}")

    def fork(self):
        """A copy of the ledger (same id, same keys) that then records other decisions."""
        fork = self.path("fork")
        shutil.copytree(self.dir, fork)
        return fork

    def grow(self, ledger, prefix, n):
        for i in range(n):
            self.ok("party", "add", "--id", f"{prefix}{i}", "--name", f"{prefix} {i}",
                    "--key", self.clerk, "--ledger", ledger)

    def policy(self, text):
        path = self.path("policy.txt")
        with open(path, "w") as f:
            f.write(text)
        return path


class WitnessTest(WitnessBase):
    def test_two_witnesses_and_a_2_of_2_policy(self):
        w1, w2 = self.witness("w1.example.org/witness"), self.witness("w2.example.org/witness")
        cp = self.note("--witness", w1.url, "--witness", w2.url)
        self.assertEqual(cp["code"], 0, cp["err"])
        self.assertIn(f"witness {w1.url} cosigned tree size 12", cp["err"])
        lines = cp["note"].split("\n")
        self.assertEqual([l.split(" ")[1] for l in lines[4:7]],
                         [self.origin, w1.name, w2.name])
        policy = self.policy(
            f"# the Board's log and the two PCC witnesses\nlog {self.log_vkey}\n\n"
            f"witness W1 {w1.vkey}\nwitness W2 {w2.vkey} {w2.url}\n"
            f"group both all W1 W2\nquorum both\n")
        code, report = self.verify("--policy", policy)
        self.assertEqual(code, 0, report)
        self.assertEqual(report["policy"], "met: cosigned by W1, W2")

        # One witness down: the next checkpoint has one cosignature, the
        # 2-of-2 quorum fails and names the missing witness; 1-of-2 passes.
        w2.kill()
        self.grow(self.dir, "NEW", 1)
        cp = self.note("--witness", w1.url, "--witness", w2.url)
        self.assertEqual(cp["code"], 1)
        self.assertIn(f"witness {w2.url} cannot be reached", cp["err"])
        code, report = self.verify("--policy", policy)
        self.assertEqual(code, 1)
        self.assertEqual(report["fault"],
                         "policy: quorum 'both' not met: cosigned by W1; missing W2")
        any_policy = self.policy(f"witness W1 {w1.vkey}\nwitness W2 {w2.vkey}\n"
                                 f"group either any W1 W2\nquorum either\n")
        self.assertEqual(self.verify("--policy", any_policy)[0], 0)
        # A policy naming another log key refuses the checkpoint.
        other = vkey(self.origin, raw_public_key(self.secretary + ".pub"), 0x01)
        code, report = self.verify("--policy", self.policy(f"log {other}\nquorum none\n"))
        self.assertEqual(code, 1)
        self.assertIn("not signed by a log of the policy", report["fault"])

    def test_a_named_origin_and_a_cosigned_note_file(self):
        # SPEC §2: init --origin names the log; the witness knows it by that name.
        origin = "ledger.example.police.uk/east-midlands-board"
        named = self.path("named")
        self.ok("init", "--board", "East Midlands PCCs and Chief Constables Board",
                "--holder", "Board secretary", "--key", self.secretary, "--origin", origin,
                "--ledger", named)
        log_vkey = self.ok("key", "vkey", self.secretary + ".pub", "--name", origin).out.strip()
        w = Witness(self, "w1.example.org/witness", self.path("named.state"), f"{origin}={log_vkey}")
        out = self.path("cp.json")
        r = self.run_cli("checkpoint", "--key", self.secretary, "--ledger", named,
                         "--witness", w.url, "--out", out)
        self.assertEqual(r.code, 0, r.err)
        with open(self.path("cp.note"), encoding="utf-8") as f:
            self.assertTrue(f.read().startswith(origin + "\n1\n"))
        policy = self.policy(f"log {log_vkey}\nwitness W {w.vkey}\nquorum W\n")
        r = self.run_cli("verify", "--ledger", named, "--policy", policy,
                         "--checkpoint", self.path("cp.note"), "--format", "json")
        self.assertEqual(r.code, 0, r.out + r.err)
        self.assertEqual(r.json()["policy"], "met: cosigned by W")
        r = self.run_cli("verify", "--ledger", named, "--policy", policy, "--checkpoint", out)
        self.assertEqual(r.code, 2)
        self.assertIn("--policy checks a signed note", r.err)

    def test_bad_policies_are_refused_naming_the_line(self):
        w1 = self.witness("w1.example.org/witness")
        for text, why in [
                (f"witness A {w1.vkey}\ngroup g 3 A\nquorum g\n", "policy line 2: the threshold '3'"),
                (f"witness A {w1.vkey}\nquorum B\n", "policy line 2: quorum names 'B'"),
                (f"witness A {self.log_vkey}\nquorum A\n", "policy line 1: a witness key must be"),
                (f"witness A {w1.vkey}\nwitness B {w1.vkey}\nquorum A\n", "line 2: a public key listed twice"),
                (f"witness A {w1.vkey}\n", "no quorum line")]:
            r = self.run_cli("verify", "--policy", self.policy(text))
            self.assertEqual(r.code, 2, text)
            self.assertIn(why, r.err)

    def test_a_forked_log_is_refused_by_the_witness(self):
        w = self.witness("w1.example.org/witness")
        fork = self.fork()
        self.grow(self.dir, "HONEST", 2)
        self.grow(fork, "FORKED", 3)
        self.assertEqual(self.note("--witness", w.url)["code"], 0)
        forked = self.note("--witness", w.url, ledger=fork)
        self.assertEqual(forked["code"], 1)
        self.assertIn(f"witness {w.url} refused with 422", forked["err"])
        self.assertNotIn(w.name, forked["note"])
        # The witness still serves the honest checkpoint.
        origin_hash = hashlib.sha256(self.origin.encode()).hexdigest()
        with urllib.request.urlopen(f"{w.url}/{origin_hash}/checkpoint") as r:
            self.assertEqual(r.read().decode().split("\n")[1], "14")
        # A witness that has cosigned a larger size of another history: 409 says so.
        self.grow(self.dir, "MORE", 5)
        self.assertEqual(self.note("--witness", w.url)["code"], 0)
        forked = self.note("--witness", w.url, ledger=fork)
        self.assertIn("has cosigned size 19, larger than this log's 15", forked["err"])

    def test_status_codes_on_the_wire(self):
        w = self.witness("w1.example.org/witness")
        note = self.note()["note"]
        status, ctype, body = post(w.url, "old 0\n\n" + note)
        self.assertEqual((status, ctype), (200, "text/plain; charset=utf-8"))
        self.assertRegex(body, f"^\u2014 {w.name} [A-Za-z0-9+/]{{102}}==\n$")  # 76 bytes
        self.grow(self.dir, "X", 1)
        newer = self.note()["note"]
        status, ctype, body = post(w.url, "old 0\n\n" + newer)
        self.assertEqual((status, ctype, body), (409, "text/x.tlog.size", "12\n"))
        self.assertEqual(post(w.url, "old 12\n\n" + newer)[0], 422)  # no proof
        self.assertEqual(post(w.url, "old 14\n\n" + newer)[0], 400)  # old above size
        self.assertEqual(post(w.url, "old x\n\n" + newer)[0], 400)
        self.assertEqual(post(w.url, "old 0\n\n" + newer.replace(self.origin, "other.example/log"))[0], 404)
        self.assertEqual(post(w.url, "old 12\n\n" + newer.replace("\n13\n", "\n14\n"))[0], 403)

    def test_tlog_proof_checks_offline(self):
        w = self.witness("w1.example.org/witness")
        self.assertEqual(self.note("--witness", w.url)["code"], 0)
        proof = self.ok("prove", "--seq", "9", "--format", "tlog-proof").out
        head, note = proof.split("\n\n", 1)
        lines = head.split("\n")
        self.assertEqual(lines[0], "c2sp.org/tlog-proof@v1")
        self.assertTrue(lines[1].startswith("extra "))
        self.assertEqual(lines[2], "index 8")
        body = base64.b64decode(lines[1][6:])
        path = [base64.b64decode(l) for l in lines[3:]]
        origin, size, root = note.split("\n")[:3]
        self.assertEqual((origin, size), (self.origin, "12"))
        leaf = hashlib.sha256(b"\x00" + body).digest()
        self.assertTrue(verify_inclusion(8, 12, leaf, path, base64.b64decode(root)))
        self.assertFalse(verify_inclusion(7, 12, leaf, path, base64.b64decode(root)))
        self.assertIn(b"LEICS", body)
        # The log signature and the cosignature, with openssl, from the spec.
        sigs = {l.split(" ")[1]: base64.b64decode(l.split(" ")[2])
                for l in note.split("\n")[4:] if l}
        text = "\n".join(note.split("\n")[:3]) + "\n"
        self.assertTrue(self.openssl_verifies(self.clerk + ".pub", text.encode(),
                                              sigs[self.origin][4:]))
        cosig = sigs[w.name]
        t = int.from_bytes(cosig[4:12], "big")
        message = f"cosignature/v1\ntime {t}\n{text}".encode()
        w_raw = base64.b64decode(w.vkey.split("+", 2)[2])[1:]
        self.assertTrue(self.openssl_verifies(self.pem(w_raw), message, cosig[12:]))
        self.assertFalse(self.openssl_verifies(self.pem(w_raw), message + b"x", cosig[12:]))
        self.assertEqual(self.run_cli("prove", "--seq", "13", "--format", "tlog-proof").code, 2)

    def pem(self, raw):
        der = bytes.fromhex("302a300506032b6570032100") + raw
        path = self.path("w.pem")
        with open(path, "w") as f:
            f.write(f"-----BEGIN PUBLIC KEY-----\n{b64(der)}\n-----END PUBLIC KEY-----\n")
        return path

    def openssl_verifies(self, pub, message, sig):
        with open(self.path("m.bin"), "wb") as f:
            f.write(message)
        with open(self.path("s.bin"), "wb") as f:
            f.write(sig)
        r = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin",
                            "-in", self.path("m.bin"), "-sigfile", self.path("s.bin")],
                           capture_output=True, text=True)
        return r.returncode == 0

    def test_bundle_carries_cosignatures_that_verify_md_checks(self):
        w1, w2 = self.witness("w1.example.org/witness"), self.witness("w2.example.org/witness")
        self.assertEqual(self.note("--witness", w1.url, "--witness", w2.url)["code"], 0)
        bundle = self.path("bundle")
        self.ok("export", "--out", bundle)
        with open(os.path.join(bundle, "witness_vkeys.txt"), "w") as f:
            f.write(f"{w1.vkey}\n{w2.vkey}\n")
        outputs = self.run_verify_md(bundle)
        self.assertEqual(outputs[5].count("Signature Verified Successfully"), 2)
        self.assertEqual(outputs[7].count("Signature Verified Successfully"), 2, outputs[7])
        self.assertIn(f"{w1.name}: cosigned at Unix time", outputs[7])
        # A changed byte in a cosignature fails openssl.
        path = os.path.join(bundle, "checkpoint.note")
        with open(path, encoding="utf-8") as f:
            note = f.read()
        lines = note.split("\n")
        sig = bytearray(base64.b64decode(lines[5].split(" ")[2]))
        sig[40] ^= 1
        lines[5] = " ".join(lines[5].split(" ")[:2] + [b64(bytes(sig))])
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        block = self.verify_md_blocks(bundle)[7]
        r = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=bundle,
                           capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)


class WitnessRaceTest(WitnessBase):
    """Two forks racing through one witness: requests built by hand from
    `prove` and `checkpoint`, many at once, with the witness killed mid-way."""

    def setUp(self):
        super().setUp()
        self.base = self.note()["note"]
        fork = self.fork()
        self.notes = {"honest": {}, "forked": {}}
        self.dirs = {"honest": self.dir, "forked": fork}
        for tag, where in self.dirs.items():
            for i in range(6):  # sizes 13..18
                self.grow(where, f"{tag.upper()}{13 + i}_", 1)
                self.notes[tag][13 + i] = self.note(ledger=where)["note"]
        self.proofs = {}
        self.cosigned = []
        self.lock = threading.Lock()

    def proof(self, tag, m, n):
        if (tag, m, n) not in self.proofs:
            r = self.ok("prove", "--from", str(m), "--to", str(n), "--format", "json",
                        "--ledger", self.dirs[tag])
            self.proofs[(tag, m, n)] = [b64(bytes.fromhex(h)) for h in r.json()["proof"]]
        return self.proofs[(tag, m, n)]

    def request(self, tag, old, size):
        lines = self.proof(tag, old, size) if 0 < old < size else []
        return "".join(f"{l}\n" for l in [f"old {old}", *lines]) + "\n" + self.notes[tag][size]

    def race(self, w, tag, rounds):
        old = 12
        for size in list(range(13, 19)) * rounds:
            try:
                if old > size:
                    continue
                status, _, body = post(w.url, self.request(tag, old, size))
                if status == 409:
                    old = int(body)
                    if old > size:
                        continue
                    status, _, body = post(w.url, self.request(tag, old, size))
                if status == 200:
                    old = size
                    with self.lock:
                        self.cosigned.append((tag, size))
            except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                continue  # the witness was killed under us

    def start_race(self, w, rounds=2):
        threads = [threading.Thread(target=self.race, args=(w, tag, rounds))
                   for tag in ["honest", "forked"] * 4]
        for t in threads:
            t.start()
        return threads

    def assert_one_history(self):
        tags = {tag for tag, size in self.cosigned}
        self.assertTrue(self.cosigned, "nothing was cosigned")
        self.assertEqual(len(tags), 1, f"both forks cosigned: {sorted(self.cosigned)}")

    def test_concurrent_requests_cosign_only_one_fork(self):
        self.proofs_ready()
        w = self.witness("w1.example.org/witness")
        self.assertEqual(post(w.url, "old 0\n\n" + self.base)[0], 200)
        for t in self.start_race(w):
            t.join()
        self.assert_one_history()

    def test_sigkill_mid_stream_then_restart_never_cosigns_both_forks(self):
        self.proofs_ready()
        w = self.witness("w1.example.org/witness")
        self.assertEqual(post(w.url, "old 0\n\n" + self.base)[0], 200)
        for attempt in range(3):
            threads = self.start_race(w, rounds=3)
            threading.Event().wait(0.05 * (attempt + 1))
            w.kill()
            for t in threads:
                t.join()
            with self.lock:
                before = max([s for _, s in self.cosigned] + [12])
            w.start()
            # Every cosignature a client received was stored before it was sent.
            status, _, body = post(w.url, "old 0\n\n" + self.base)
            self.assertEqual(status, 409)
            self.assertGreaterEqual(int(body), before)
        for t in self.start_race(w):
            t.join()
        self.assert_one_history()

    def proofs_ready(self):
        for tag in self.dirs:
            for m in range(12, 19):
                for n in range(m + 1, 19):
                    self.proof(tag, m, n)


if __name__ == "__main__":
    unittest.main()
