"""govledger's speed and size targets, each measured beside its reference in
the same run on the same machine (tools/bench/run; README "Speed").

References: OpenSSL's raw Ed25519 sign and verify on one core and RocksDB's
raw synced write (govledger-bench, Google Benchmark), a git repository of
SSH-signed commits (one `git commit -S` per decision), and govledger itself on
a small ledger for the flat-cost lines. The large ledgers are shaped like a
Board's history (board_history.py) and built by `govledger import`.
Nothing here asserts: it prints what it measured.
"""
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "build", "cli", "govledger")
BENCH = os.path.join(ROOT, "build", "tools", "govledger-bench")
HISTORY = os.path.join(ROOT, "tools", "bench", "board_history.py")
QUICK = "--quick" in sys.argv
LARGE = 100_000 if QUICK else 1_000_000
SMALL = 2_000
IMPORT = 100_000
DECISIONS = 50
ROUNDS = 3


def run(args, env=None, check=True):
    """Runs a command; returns (seconds, peak RSS in MB, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if check and code != 0:
            raise RuntimeError(f"{args}: exit {code}: {err.read().decode()[-500:]}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode()


def references(which="BM_Ed25519"):
    """Raw rates from govledger-bench."""
    out = tempfile.mktemp()
    subprocess.run([BENCH, f"--benchmark_filter={which}",
                    "--benchmark_format=json", f"--benchmark_out={out}"],
                   check=True, stdout=subprocess.DEVNULL)
    rates = {b["name"].split("/")[0]: b["items_per_second"] for b in json.load(open(out))["benchmarks"]}
    os.remove(out)
    return rates


def scaled(which, measure):
    """Runs measure() between two readings of the reference rate `which`, and
    returns (its result, the mean of both readings): a 2-core virtual machine's
    speed drifts by tens of percent between minutes, and a reference read on
    both sides of the measure drifts with it."""
    before = references(which)[which]
    result = measure()
    after = references(which)[which]
    return result, (before + after) / 2


def new_ledger(work, name, key):
    ledger = os.path.join(work, name)
    run([BIN, "init", "--ledger", ledger, "--board", "Benchmark Board", "--holder", "Secretary",
         "--key", key])
    return ledger


def history_csv(work, rows):
    path = os.path.join(work, f"history-{rows}.csv")
    subprocess.run([sys.executable, HISTORY, str(rows), path], check=True)
    return path


def decisions(ledger, key, n, tag):
    """n decisions, one process each: a party registered, then entered into C000001."""
    start = time.monotonic()
    for i in range(n):
        party = f"{tag}{i}"
        if i % 2 == 0:
            run([BIN, "party", "add", "--ledger", ledger, "--id", party, "--name", party, "--key", key])
        else:
            run([BIN, "enter", "--ledger", ledger, "--collab", "C000001", "--party", f"{tag}{i - 1}",
                 "--decided", "2020-01-01", "--effective", "2020-04-01", "--key", key])
    return n / (time.monotonic() - start)


def git_repository(work):
    """A git repository whose commits are signed with an SSH Ed25519 key."""
    repo = os.path.join(work, "git-board")
    os.makedirs(repo)
    key = os.path.join(work, "git-signing-key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
    git_in(repo, "init", "-q")
    git_in(repo, "config", "gpg.format", "ssh")
    git_in(repo, "config", "user.signingkey", key)
    return repo


def git_in(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
               GIT_COMMITTER_NAME="Clerk", GIT_COMMITTER_EMAIL="clerk@example.org")
    subprocess.run(["git", "-C", repo, *args], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def git_signed_commits(repo, n, round_):
    """n decisions as n signed commits, one `git add` and `git commit -S` each."""
    start = time.monotonic()
    for i in range(n):
        with open(os.path.join(repo, "decisions.txt"), "a") as f:
            f.write(f"decision {round_}.{i}: party P{i} enters C000001 on 2020-04-01\n")
        git_in(repo, "add", "decisions.txt")
        git_in(repo, "commit", "-q", "-S", "-m", f"Decision {round_}.{i}")
    return n / (time.monotonic() - start)


def point_queries(ledger, key, tag):
    """Median seconds and peak RSS of each point query, and of one write."""
    queries = {
        "state": ["state", "--collab", "C000001", "--at", "2018-01-01"],
        "register --party": ["register", "--at", "2018-01-01", "--party", "P007"],
        "history --collab": ["history", "--collab", "C000001"],
    }
    out = {}
    for name, args in queries.items():
        samples = [run([BIN, *args, "--ledger", ledger]) for _ in range(7)]
        out[name] = (statistics.median(s[0] for s in samples), max(s[1] for s in samples))
    samples = []
    for i in range(7):
        samples.append(run([BIN, "party", "add", "--ledger", ledger, "--id", f"{tag}W{i}",
                            "--name", "W", "--key", key]))
    out["one write"] = (statistics.median(s[0] for s in samples), max(s[1] for s in samples))
    return out


def dir_bytes(path):
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))


def main():
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
          f"{platform.platform()}", flush=True)
    work = tempfile.mkdtemp(prefix="govledger-bench-")
    lines = []  # (measure, measured, reference, ratio, target, met)
    try:
        key = os.path.join(work, "clerk.key")
        run([BIN, "key", "new", key])

        # Ledgers shaped like a Board's history: small, and large.
        small = new_ledger(work, "small", key)
        run([BIN, "import", history_csv(work, SMALL), "--ledger", small, "--key", key])
        large = new_ledger(work, "large", key)
        t, rss, _ = run([BIN, "import", history_csv(work, LARGE), "--ledger", large, "--key", key])
        lines.append((f"import of {LARGE:,} rows", f"{t:.0f} s, {rss:.0f} MB", "", "", "< 256 MB",
                      rss < 256))

        # One decision per process, against git commit -S, in alternating
        # rounds so that both see the same machine.
        ours_s = git_s = 0.0
        repo = git_repository(work)
        for round_ in range(ROUNDS):
            ours_s += DECISIONS / decisions(small, key, DECISIONS, f"D{round_}N")
            git_s += DECISIONS / git_signed_commits(repo, DECISIONS, round_)
        ours, git = ROUNDS * DECISIONS / ours_s, ROUNDS * DECISIONS / git_s
        lines.append(("one decision per process", f"{ours:.1f}/s", f"git {git:.1f}/s",
                      ours / git, ">= 1.0", ours / git >= 1.0))

        # Flat cost: the same reads and one write on the large and the small ledger.
        q_small = point_queries(small, key, "S")
        q_large = point_queries(large, key, "L")
        for name in q_small:
            ratio = q_large[name][0] / q_small[name][0]
            lines.append((f"{name}, {LARGE:,} vs {SMALL:,}", f"{q_large[name][0] * 1000:.0f} ms",
                          f"{q_small[name][0] * 1000:.0f} ms", ratio, "<= 1.5", ratio <= 1.5))
        for name in ("state", "history --collab", "register --party"):
            rss = q_large[name][1]
            lines.append((f"peak RSS of {name}, {LARGE:,}", f"{rss:.0f} MB", "", "", "< 64 MB",
                          rss < 64))
        _, _, out = run([BIN, "register", "--at", "2018-01-01", "--party", "P007", "--format", "csv",
                         "--ledger", large])
        rows_large = out.count("\n") - 1
        _, _, out = run([BIN, "register", "--at", "2018-01-01", "--party", "P007", "--format", "csv",
                         "--ledger", small])
        print(f"register --party P007 answers {rows_large:,} memberships on the large ledger, "
              f"{out.count(chr(10)) - 1:,} on the small one", flush=True)

        # Crypto at the machine's speed.
        imp = new_ledger(work, "import", key)
        csv_path = history_csv(work, IMPORT)
        (t, _, _), sign1 = scaled("BM_Ed25519Sign",
                                  lambda: run([BIN, "import", csv_path, "--ledger", imp, "--key", key]))
        rate = IMPORT / t
        lines.append((f"import of {IMPORT:,} decisions", f"{rate:.0f}/s", f"sign {sign1:.0f}/s",
                      rate / sign1, ">= 1.0", rate / sign1 >= 1.0))
        (t, rss, out), verify1 = scaled(
            "BM_Ed25519Verify", lambda: run([BIN, "verify", "--ledger", large, "--format", "json"]))
        n = json.loads(out)["entries"]
        lines.append((f"verify of {n:,} entries", f"{n / t:.0f}/s", f"verify {verify1:.0f}/s",
                      n / t / verify1, ">= 1.7", n / t / verify1 >= 1.7))
        lines.append((f"peak RSS of verify, {n:,}", f"{rss:.0f} MB", "", "", "< 256 MB", rss < 256))
        t, _, _ = run([BIN, "reindex", "--ledger", large])
        lines.append((f"reindex of {n:,} entries", f"{n / t:.0f}/s", "", "", ">= 500000",
                      n / t >= 500_000))
        run([BIN, "compact", "--ledger", large])
        per_entry = dir_bytes(large) / n
        lines.append(("bytes on disk per entry", f"{per_entry:.0f}", "", "", "<= 400",
                      per_entry <= 400))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{'measure':40} {'govledger':>16} {'reference':>18} {'ratio':>6} {'target':>9}")
    for what, ours, ref, ratio, target, met in lines:
        r = f"{ratio:6.2f}" if ratio != "" else " " * 6
        print(f"{what:40} {ours:>16} {ref:>18} {r} {target:>9} {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
