#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/ (checked in; rerun only to
change them): a handful of valid and near-valid inputs per fuzz target, made
with the real govledger binary, RocksDB's ldb and openssl, so each seed is
what govledger writes or reads. Usage: make_corpus.py GOVLEDGER_BIN

The checkpoints and log are signed by the key whose Ed25519 seed is 32 bytes
of 0x07, the key checkpoint_fuzzer checks notes against.
"""
import base64
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
DEMO = os.path.join(HERE, "..", "..", "demo")
PKCS8_ED25519_PREFIX = bytes.fromhex("302e020100300506032b657004220420")


def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, **kw).stdout


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def pem(label, der):
    b64 = base64.encodebytes(der).decode().replace("\n", "")
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----", ""])


def import_csv():
    header = "action,collaboration,party,decided,effective,minute,name,note\n"
    write("import_csv_fuzzer", "valid.csv", header +
          "party,,NOTTS,,,,Nottinghamshire,\n"
          "establish,EMOPSS,,2015-03-01,2015-04-01,,\"EM Operational, Support\",\n"
          "enter,EMOPSS,NOTTS,2015-03-01,2015-04-01,EMB/2015/03,,\"two\nlines\"\n"
          "notice,EMOPSS,NOTTS,2018-10-01,2019-04-01,,,\n"
          "withdraw,EMOPSS,NOTTS,2019-03-01,2019-04-01,,,\n")
    write("import_csv_fuzzer", "bom_crlf_blanks.csv", "\ufeff" + header.replace("\n", "\r\n") +
          "party , , LEICS ,,,, \"Leicestershire\" ,\r\n\r\n")
    write("import_csv_fuzzer", "formula_cells.csv", header + "party,,P1,,,,=cmd|' /C calc'!A0,@x\n")
    write("import_csv_fuzzer", "unknown_action.csv", header + "dissolve,EMOPSS,,,,,,\n")
    write("import_csv_fuzzer", "duplicate_column.csv", "action,party,party\nparty,A,B\n")
    write("import_csv_fuzzer", "unterminated_quote.csv", header + "party,,\"NOTTS\n")
    write("import_csv_fuzzer", "quote_in_field.csv", header + "party,,NO\"TTS,,,,x,\n")


def local_register():
    with open(os.path.join(DEMO, "leicestershire_local_register.csv")) as f:
        write("local_register_fuzzer", "leicestershire.csv", "".join(f.readlines()[:8]))
    write("local_register_fuzzer", "unknown_ids.csv",
          "collaboration,party,name\nEMOPSS,LEICS,x\nEMOPSS,RUTLAND,\nEMCJS,LEICS,\nEMSOU,\n")
    write("local_register_fuzzer", "our_csv_output.csv",
          "collaboration,party,name,parent\r\n\"'=EMOPSS\",LEICS,\"a, b\",\r\nEMSOU,,,\r\n")
    write("local_register_fuzzer", "bom_spaces.csv", "\ufeffparty , collaboration\nLEICS, EMSOU\n")
    write("local_register_fuzzer", "no_party_column.csv", "collaboration\nEMSOU\n")
    write("local_register_fuzzer", "row_without_collaboration.csv", "collaboration,party\n,LEICS\n")


def keys(tmp, seed_key):
    with open(seed_key, "rb") as f:
        write("key_pem_fuzzer", "private.pem", f.read())
    write("key_pem_fuzzer", "public.pem", run("openssl", "pkey", "-in", seed_key, "-pubout"))
    # The fuzzer's passphrase is "fuzz"; few PBKDF2 rounds keep each run fast.
    write("key_pem_fuzzer", "encrypted.pem",
          run("openssl", "pkcs8", "-topk8", "-in", seed_key, "-v2", "aes-128-cbc", "-iter", "1",
              "-passout", "pass:fuzz"))
    ec = os.path.join(tmp, "ec.pem")
    run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ec)
    with open(ec, "rb") as f:
        write("key_pem_fuzzer", "not_ed25519.pem", f.read())
    with open(seed_key, "rb") as f:
        write("key_pem_fuzzer", "truncated.pem", f.read()[:60])


def ledger(tmp, bin, key):
    """A small ledger; returns its directory and checkpoint files."""
    d = os.path.join(tmp, "ledger")
    env = dict(os.environ, GOVLEDGER_DIR=d)
    def gl(*args):
        return run(bin, *args, env=env)
    gl("init", "--board", "Fuzz Board", "--holder", "Secretary", "--key", key)
    gl("party", "add", "--id", "NOTTS", "--name", "Nottinghamshire", "--key", key)
    gl("party", "add", "--id", "LEICS", "--name", "Leicestershire", "--key", key)
    gl("collab", "establish", "--id", "EMOPSS", "--name", "EMOpSS", "--decided", "2015-03-01",
       "--effective", "2015-04-01", "--key", key)
    for party in ["NOTTS", "LEICS"]:
        gl("enter", "--collab", "EMOPSS", "--party", party, "--decided", "2015-03-01",
           "--effective", "2015-04-01", "--key", key)
    gl("withdraw", "--collab", "EMOPSS", "--party", "NOTTS", "--decided", "2019-01-22",
       "--effective", "2019-04-01", "--reasons", "local delivery", "--key", key)
    gl("correct", "--seq", "7", "--reason", "minuted wrongly", "--key", key)
    cp = os.path.join(tmp, "checkpoint.json")
    gl("checkpoint", "--out", cp, "--key", key)
    return d, cp


def checkpoints(cp):
    with open(cp, "rb") as f:
        json_text = f.read()
    with open(cp[:-len(".json")] + ".note", "rb") as f:
        note = f.read()
    write("checkpoint_fuzzer", "checkpoint.json", json_text)
    write("checkpoint_fuzzer", "checkpoint.note", note)
    write("checkpoint_fuzzer", "note_leading_zero.note", note.replace(b"\n", b"\n0", 1))
    write("checkpoint_fuzzer", "json_no_body.json", b'{"tree_size": 8, "signature": "AAAA"}')


def log_values(d):
    out = run("ldb", f"--db={d}", "--column_family=log", "--hex", "scan").decode()
    return [bytes.fromhex(line.split(" : 0x")[1]) for line in out.splitlines() if " : 0x" in line]


def frame(values):
    return b"".join(len(v).to_bytes(2, "big") + v for v in values)


def entries(values):
    write("verify_entries_fuzzer", "log.bin", frame(values))
    write("verify_entries_fuzzer", "genesis.bin", frame(values[:1]))
    write("verify_entries_fuzzer", "bytes_appended.bin", frame(values[:3] + [values[3] + b"\x22\x03ABC"]))
    write("verify_entries_fuzzer", "swapped.bin", frame([values[0], values[2], values[1]]))
    # A stored SignedCheckpoint is the same kind of value: protobuf bytes.
    write("checkpoint_fuzzer", "signed_entry.bin", values[1])


def main():
    bin = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="govledger-corpus-")
    try:
        key = os.path.join(tmp, "seed.key")
        with open(key, "w") as f:
            f.write(pem("PRIVATE KEY", PKCS8_ED25519_PREFIX + b"\x07" * 32))
        os.chmod(key, 0o600)
        shutil.rmtree(CORPUS, ignore_errors=True)
        import_csv()
        local_register()
        keys(tmp, key)
        d, cp = ledger(tmp, bin, key)
        checkpoints(cp)
        entries(log_values(d))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
