"""README.md's promises (issue 8, point 7): the binary installs with CMake's
install target into any prefix, and every command of "Using it" runs as
written, with the installed binary, from a copy of the repository's
examples/ folder (the local register the diff names)."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

SOURCE = os.environ.get("GOVLEDGER_SOURCE_DIR",
                        os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("GOVLEDGER_BUILD_DIR", os.path.join(SOURCE, "build"))


def using_it_block():
    """The first ```sh block under "## Using it"."""
    with open(os.path.join(SOURCE, "README.md")) as f:
        readme = f.read()
    section = readme.split("\n## Using it", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def commands(block):
    """Each command of a shell block, continuation lines joined."""
    return [c.strip() for c in re.sub(r"\\\n", " ", block).splitlines() if c.strip()]


class Readme(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="govledger-readme-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.prefix = os.path.join(self.tmp, "prefix")
        proc = subprocess.run(["cmake", "--install", BUILD, "--prefix", self.prefix],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)

    def test_install_puts_the_programs_and_the_example_under_the_prefix(self):
        for name in ["bin/govledger", "bin/govledger-net", "bin/govledger-dump",
                     "share/doc/govledger/README.md",
                     "share/doc/govledger/examples/leicestershire.csv"]:
            self.assertTrue(os.path.isfile(os.path.join(self.prefix, name)), name)
        help_ = subprocess.run([os.path.join(self.prefix, "bin", "govledger"), "--help"],
                               capture_output=True, text=True)
        self.assertEqual(help_.returncode, 0, help_.stderr)
        self.assertIn("For board clerks", help_.stdout)

    def test_network_commands_run_in_govledger_net_beside_govledger(self):
        # govledger links no network library; it hands mirror, witness and
        # checkpoint --witness to the govledger-net installed beside it.
        govledger = os.path.join(self.prefix, "bin", "govledger")
        ldd = subprocess.run(["ldd", govledger], capture_output=True, text=True).stdout
        self.assertNotIn("libcurl", ldd)
        self.assertNotIn("httplib", ldd)
        key = os.path.join(self.prefix, "w.key")
        subprocess.run([govledger, "key", "new", key], check=True, capture_output=True)
        vkey = subprocess.run([govledger, "witness", "vkey", key + ".pub", "--name", "w.example"],
                              capture_output=True, text=True)
        self.assertEqual(vkey.returncode, 0, vkey.stderr)
        self.assertTrue(vkey.stdout.startswith("w.example+"), vkey.stdout)
        # Without it, one line says what is missing and where it was looked for.
        os.remove(os.path.join(self.prefix, "bin", "govledger-net"))
        gone = subprocess.run([govledger, "witness", "vkey", key + ".pub", "--name", "w.example"],
                              capture_output=True, text=True)
        self.assertEqual(gone.returncode, 2)
        self.assertEqual(len(gone.stderr.strip().splitlines()), 1, gone.stderr)
        self.assertIn("govledger-net", gone.stderr)

    def test_using_it_runs_as_written_with_the_installed_binary(self):
        block = using_it_block()
        self.assertIn("--minute", block)
        # The repository's layout: the block starts at its root.
        root = os.path.join(self.tmp, "repo")
        shutil.copytree(os.path.join(SOURCE, "examples"), os.path.join(root, "examples"))
        # Each failing command reports its exit code; only a diff may say 1
        # ("they differ", as README.md says).
        script = "set -o errtrace\ntrap 'echo \"EXIT $? FROM $BASH_COMMAND\" >&2' ERR\n" + block
        env = dict(os.environ, PATH=os.path.join(self.prefix, "bin") + os.pathsep + os.environ["PATH"])
        env.pop("GOVLEDGER_DIR", None)
        proc = subprocess.run(["bash", "-c", script], cwd=root, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=300)
        failures = [l for l in proc.stderr.splitlines() if l.startswith("EXIT ")]
        for line in failures:
            self.assertRegex(line, r"^EXIT 1 FROM govledger diff ", proc.stderr)
        diffs = [c for c in commands(block) if c.startswith("govledger diff")]
        self.assertEqual(len(failures), len(diffs), proc.stdout + proc.stderr)
        self.assertNotIn("warning", proc.stderr)  # the examples record minutes and reasons
        self.assertRegex(proc.stdout, r"(?m)^result +ok$")
        self.assertRegex(proc.stdout, r"(?m)^root_hash +[0-9a-f]{64}$")  # whole, on one line
        self.assertTrue(os.path.isfile(os.path.join(root, "try", "bundle", "entries.jsonl")))
        self.assertIn("NOTTS  only_in_file", proc.stdout)


if __name__ == "__main__":
    unittest.main()
