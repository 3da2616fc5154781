"""Trust beyond one machine (issue 9): the log's C2SP origin and verifier key,
`publish` as a C2SP tlog-tiles tree read back here by a reader written from
the specifications alone (c2sp.org/tlog-tiles, tlog-checkpoint, signed-note),
and `mirror` following it from a directory and over HTTP on 127.0.0.1."""
import base64
import datetime
import hashlib
import json
import os
import re
import shutil
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


# ---- An independent tlog-tiles reader, from c2sp.org/tlog-tiles alone ----

def tile_index(n):
    """tlog-tiles: zero-padded 3-digit path elements, all but the last with "x"."""
    parts = []
    while True:
        parts.append("%03d" % (n % 1000))
        n //= 1000
        if n == 0:
            break
    return "/".join(["x" + p for p in reversed(parts[1:])] + [parts[0]])


def tile_path(kind, n, width):
    """kind: a level ("0", "1", ...), "entries" or "signatures"."""
    return f"tile/{kind}/{tile_index(n)}" + (f".p/{width}" if width < 256 else "")


def split_bundle(data):
    """Big-endian uint16 length-prefixed items."""
    items, i = [], 0
    while i < len(data):
        n = int.from_bytes(data[i:i + 2], "big")
        items.append(data[i + 2:i + 2 + n])
        assert len(items[-1]) == n, "a bundle item runs past the end"
        i += 2 + n
    return items


def mth(hashes):
    """RFC 6962 Merkle Tree Hash over leaf hashes."""
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return sha256(b"\x01" + mth(hashes[:k]) + mth(hashes[k:]))


def read_log(site, name, pem, tmp, check_signatures=True):
    """Reads and checks a published log in directory `site`: the checkpoint's
    signature under `name` by `pem`, every tile, bundle and entry signature.
    Returns (size, root, bodies)."""
    def fetch(path):
        with open(os.path.join(site, path), "rb") as f:
            return f.read()

    note = fetch("checkpoint").decode()
    text, sigs = note_signatures(note)
    origin, size, root = text.decode().splitlines()[:3]
    size, root = int(size), base64.b64decode(root)
    raw = raw_public_key(pem)
    mine = [s for s in sigs if s[0] == name and s[1] == sha256(name.encode() + b"\n\x01" + raw)[:4]]
    assert origin == name and len(mine) == 1, (origin, sigs)
    assert openssl_verify(pem, text, mine[0][2], tmp), "the checkpoint signature does not verify"
    leaves, bodies, signatures = [], [], []
    for n in range((size + 255) // 256):
        width = min(256, size - n * 256)
        tile = fetch(tile_path("0", n, width))
        assert len(tile) == 32 * width, tile_path("0", n, width)
        leaves += [tile[i:i + 32] for i in range(0, len(tile), 32)]
        bodies += split_bundle(fetch(tile_path("entries", n, width)))
        signatures += split_bundle(fetch(tile_path("signatures", n, width)))
    assert len(bodies) == len(signatures) == size
    for i, body in enumerate(bodies):
        assert sha256(b"\x00" + body) == leaves[i], f"entry {i + 1} is not its leaf"
        assert len(signatures[i]) == 64
    assert mth(leaves) == root, "the tiles do not hash to the checkpoint's root"
    level, per = 1, 256
    while size // per > 0:  # each hash at level L is the MTH of 256**L leaves
        count = size // per
        for n in range((count + 255) // 256):
            width = min(256, count - n * 256)
            tile = fetch(tile_path(str(level), n, width))
            want = b"".join(mth(leaves[(n * 256 + i) * per:(n * 256 + i + 1) * per])
                            for i in range(width))
            assert tile == want, tile_path(str(level), n, width)
        level, per = level + 1, per * 256
    if check_signatures:
        keys = [os.path.join(site, "keys", k) for k in os.listdir(os.path.join(site, "keys"))]
        for i, (body, sig) in enumerate(zip(bodies, signatures)):
            assert any(openssl_verify(k, body, sig, tmp) for k in keys), f"entry {i + 1}"
    return size, root, bodies


def parties_csv(path, first, last):
    with open(path, "w") as f:
        f.write("action,collaboration,party,decided,effective,minute,name,note\n")
        for i in range(first, last + 1):
            f.write(f"party,,P{i},,,,Party {i},\n")


class PublishedLedger(LedgerTest):
    """A ledger of 302 entries and a checkpoint, to publish into `site`."""

    def setUp(self):
        super().setUp()  # seqs 1 and 2
        self.site = self.path("site")
        self.grow(300)  # 302 entries: a full level-0 tile and a partial one

    def grow(self, parties, start=None):
        """Appends `parties` parties and a checkpoint."""
        start = start or self.last_seq() + 1000
        csv = self.path(f"p{start}.csv")
        parties_csv(csv, start, start + parties - 1)
        self.ok("import", csv, "--key", self.clerk)
        return self.ok("checkpoint", "--key", self.clerk, "--format", "json").json()

    def origin(self):
        return "govledger/" + self.verify()[1]["ledger_id"]

    def read(self, **kw):
        return read_log(self.site, self.origin(), self.clerk + ".pub", self.tmp, **kw)

    def files(self):
        out = {}
        for d, _, names in os.walk(self.site):
            for n in names:
                p = os.path.join(d, n)
                st = os.stat(p)
                out[os.path.relpath(p, self.site)] = (st.st_ino, st.st_mtime_ns)
        return out


class Publish(PublishedLedger):
    """`publish --out DIR` read back from the specification alone."""

    def test_an_independent_reader_reads_the_published_log(self):
        self.ok("publish", "--out", self.site)
        size, root, bodies = self.read()
        self.assertEqual(size, 302)
        history = self.ok("history", "--format", "json").json()["entries"]
        self.assertEqual(len(history), 302)
        code, report = self.verify()
        self.assertEqual(root.hex(), report["root_hash"])
        for name in ["checkpoint.json", "register.html", "register.json", "register.csv",
                     "tile/0/000", "tile/0/001.p/46", "tile/1/000.p/1"]:
            self.assertTrue(os.path.isfile(os.path.join(self.site, name)), name)
        keys = sorted(os.listdir(os.path.join(self.site, "keys")))
        self.assertEqual(len(keys), 2)  # the secretary's and the clerk's
        with open(os.path.join(self.site, "register.json")) as f:
            json.load(f)
        # A changed byte in any tile is caught by the reader.
        with open(os.path.join(self.site, "tile/0/001.p/46"), "r+b") as f:
            f.seek(5)
            b = f.read(1)
            f.seek(5)
            f.write(bytes([b[0] ^ 1]))
        with self.assertRaises(AssertionError):
            self.read(check_signatures=False)

    def test_a_second_publish_writes_only_what_grew(self):
        self.ok("publish", "--out", self.site)
        before = self.files()
        self.grow(3)  # 305 entries
        out = self.ok("publish", "--out", self.site).out
        after = self.files()
        changed = {p for p in after if before.get(p) != after[p]}
        self.assertEqual(changed, {"tile/0/001.p/49", "tile/entries/001.p/49",
                                   "tile/signatures/001.p/49", "checkpoint", "checkpoint.json",
                                   "register.html", "register.json", "register.csv"})
        self.assertTrue(set(before) <= set(after))  # nothing removed
        self.assertIn("(3 new entries)", out)
        self.assertEqual(self.read(check_signatures=False)[0], 305)
        # Nothing new: no tile is written again.
        again = self.files()
        self.ok("publish", "--out", self.site)
        self.assertEqual({p for p in again if p.startswith("tile/") and again[p] != self.files()[p]},
                         set())

    def test_an_interrupted_publish_leaves_the_previous_checkpoint_serving(self):
        self.ok("publish", "--out", self.site)
        with open(os.path.join(self.site, "checkpoint")) as f:
            served = f.read()
        self.grow(3)
        # A directory where the last bundle must go: the publish fails there,
        # after some of the new tiles are written and before the checkpoint.
        blocker = os.path.join(self.site, "tile/signatures/001.p/49")
        os.makedirs(blocker)
        failed = self.run_cli("publish", "--out", self.site)
        self.assertEqual(failed.code, 2)
        self.assertIn("signatures/001.p/49", failed.err)
        self.assertTrue(os.path.isfile(os.path.join(self.site, "tile/0/001.p/49")))
        with open(os.path.join(self.site, "checkpoint")) as f:
            self.assertEqual(f.read(), served)
        self.assertEqual(self.read(check_signatures=False)[0], 302)  # still whole
        os.rmdir(blocker)
        self.ok("publish", "--out", self.site)
        self.assertEqual(self.read(check_signatures=False)[0], 305)

    def test_publish_refuses_a_directory_of_another_log(self):
        self.ok("publish", "--out", self.site)
        other = os.path.join(self.tmp, "other")
        self.ok("init", "--board", "Other", "--holder", "S", "--key", self.secretary,
                "--ledger", other)
        self.ok("checkpoint", "--key", self.secretary, "--ledger", other)
        result = self.run_cli("publish", "--out", self.site, "--ledger", other)
        self.assertEqual(result.code, 2)
        self.assertIn("is the checkpoint of log govledger/", result.err)


class HttpServer:
    """python3 -m http.server on 127.0.0.1 serving `root`; its request log kept."""

    def __init__(self, root, log_path):
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(
            ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
             "--directory", root], stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()  # "Serving HTTP on 127.0.0.1 port N ..."
        self.url = "http://127.0.0.1:%s" % re.search(r"port (\d+)", line).group(1)
        self.log_path = log_path

    def requests(self):
        self.log.flush()
        with open(self.log_path) as f:
            return re.findall(r'"GET /(\S*) HTTP', f.read())

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.proc.stdout.close()
        self.log.close()


class Mirror(PublishedLedger):
    """`mirror` follows a published log from a directory and over HTTP."""

    def same_as_board(self, mirror):
        today = datetime.date.today().isoformat()
        for args in (["history"], ["register", "--at", today], ["party", "list"]):
            board = self.ok(*args, "--format", "json").out
            theirs = self.ok(*args, "--format", "json", "--ledger", mirror).out
            self.assertEqual(board, theirs, args)
        code, report = self.verify()
        theirs = self.run_cli("verify", "--format", "json", "--ledger", mirror)
        self.assertEqual(theirs.code, 0, theirs.out)
        self.assertEqual(theirs.json()["root_hash"], report["root_hash"])

    def test_a_mirror_follows_three_publishes_from_a_directory_and_over_http(self):
        server = HttpServer(self.site, self.path("http.log"))
        self.addCleanup(server.stop)
        by_dir, by_http = self.path("mirror-dir"), self.path("mirror-http")
        clerk_vkey = vkey(self.origin(), raw_public_key(self.clerk + ".pub"))
        fetched = []
        for round_, parties in enumerate([0, 300, 3]):
            if parties:
                self.grow(parties)
            self.ok("publish", "--out", self.site)
            trust_dir = ["--trust", clerk_vkey] if round_ == 0 else []
            trust_http = ["--trust", self.clerk + ".pub"] if round_ == 0 else []
            out = self.ok("mirror", "--from", self.site, "--ledger", by_dir, *trust_dir).out
            self.assertIn("new entries", out)
            seen = len(server.requests())
            self.ok("mirror", "--from", server.url + "/", "--ledger", by_http, *trust_http)
            fetched.append(server.requests()[seen:])
            self.same_as_board(by_dir)
            self.same_as_board(by_http)
        # Only what is new is fetched: a full tile or bundle once, ever.
        every = [p for r in fetched for p in r]
        for path in ["tile/0/000", "tile/entries/000", "tile/signatures/000", "tile/0/001"]:
            self.assertEqual(every.count(path), 1, (path, fetched))
        self.assertNotIn("tile/0/000", fetched[2])
        self.assertEqual(self.ok("mirror", "--from", server.url, "--ledger", by_http).out,
                         f"{by_http} is up to date: the log serves 605 entries, the mirror "
                         "holds 605\n")

    def test_a_mirror_refuses_a_checkpoint_by_a_key_it_does_not_trust(self):
        self.ok("publish", "--out", self.site)
        where = self.path("mirror")
        result = self.run_cli("mirror", "--from", self.site, "--ledger", where,
                              "--trust", self.secretary + ".pub")
        self.assertEqual(result.code, 2)
        self.assertIn("no signature by", result.err)
        self.assertFalse(os.path.exists(where))
        result = self.run_cli("mirror", "--from", self.site, "--ledger", where)
        self.assertEqual(result.code, 2)
        self.assertIn("needs --trust", result.err)

    def test_a_mirror_refuses_a_changed_entry_or_signature(self):
        self.ok("publish", "--out", self.site)
        where = self.path("mirror")

        def flip(path, offset):
            with open(os.path.join(self.site, path), "r+b") as f:
                f.seek(offset)
                b = f.read(1)
                f.seek(offset)
                f.write(bytes([b[0] ^ 1]))

        flip("tile/signatures/001.p/46", 2 + 10)  # entry 257's signature
        result = self.run_cli("mirror", "--from", self.site, "--ledger", where,
                              "--trust", self.clerk + ".pub")
        self.assertEqual(result.code, 2)
        self.assertIn("entry 257: its signature by", result.err)
        self.assertFalse(os.path.exists(where))
        flip("tile/signatures/001.p/46", 2 + 10)
        flip("tile/entries/001.p/46", 2 + 10)  # entry 257's body
        result = self.run_cli("mirror", "--from", self.site, "--ledger", where,
                              "--trust", self.clerk + ".pub")
        self.assertEqual(result.code, 2)
        self.assertIn("entry 257 does not hash to its leaf in tile/0/001.p/46", result.err)
        self.assertFalse(os.path.exists(where))

    def test_a_forked_log_is_caught_and_the_mirror_is_unchanged(self):
        self.ok("publish", "--out", self.site)
        where = self.path("mirror")
        self.ok("mirror", "--from", self.site, "--ledger", where, "--trust", self.clerk + ".pub")
        # The same Board signs two histories from seq 303 on: one it
        # publishes where the mirror looks (which the mirror follows to 304),
        # one elsewhere (305 entries).
        fork_ledger, fork_site = self.path("fork-ledger"), self.path("fork-site")
        shutil.copytree(self.dir, fork_ledger)
        self.grow(2, start=5000)
        self.ok("publish", "--out", self.site)
        self.ok("mirror", "--from", self.site, "--ledger", where)
        for party in ["FORKED1", "FORKED2", "FORKED3"]:
            self.ok("party", "add", "--id", party, "--name", "Forked", "--key", self.clerk,
                    "--ledger", fork_ledger)
        self.ok("checkpoint", "--key", self.clerk, "--ledger", fork_ledger)
        self.ok("publish", "--out", fork_site, "--ledger", fork_ledger)
        history = self.ok("history", "--format", "json", "--ledger", where).out
        with open(os.path.join(fork_site, "checkpoint")) as f:
            fork_note = f.read()
        with open(os.path.join(self.site, "checkpoint")) as f:
            honest_note = f.read()
        self.assertNotEqual(fork_note, honest_note)
        evidence = self.path("evidence.txt")
        result = self.run_cli("mirror", "--from", fork_site, "--ledger", where,
                              "--evidence", evidence)
        self.assertEqual(result.code, 1, result.err)
        self.assertIn("fork: the log's checkpoint of 305 entries", result.out)
        self.assertIn("does not extend the 304 entries the mirror verified", result.out)
        self.assertEqual(self.ok("history", "--format", "json", "--ledger", where).out, history)
        with open(evidence) as f:
            text = f.read()
        verified = self.run_cli("verify", "--format", "json", "--ledger", where).json()
        self.assertEqual(verified["tree_size"], 304)
        self.assertIn(fork_note, text)  # the new checkpoint, as signed
        before = text.split("-- checkpoint the mirror verified before --\n")[1]
        self.assertTrue(before.startswith(self.origin() + "\n304\n"), before)
        self.assertIn("consistency proof attempted from 304", text)
        self.assertRegex(text, r"result: (?!verifies)")
        # A fork at the size the mirror holds is caught too.
        shutil.rmtree(fork_site)
        self.ok("party", "add", "--id", "FORKED4", "--name", "Forked", "--key", self.clerk,
                "--ledger", self.dir)
        self.ok("checkpoint", "--key", self.clerk)
        self.ok("publish", "--out", self.site)
        self.ok("mirror", "--from", self.site, "--ledger", where)  # the honest log: 305
        self.ok("publish", "--out", fork_site, "--ledger", fork_ledger)
        result = self.run_cli("mirror", "--from", fork_site, "--ledger", where,
                              "--evidence", evidence)
        self.assertEqual(result.code, 1, result.err)
        self.assertIn("but the mirror verified root", result.out)
        self.same_as_board(where)


if __name__ == "__main__":
    unittest.main()
