// govledger-dump DIR [--seq N] [--checkpoints]: an auditor's dumper that decodes `log`, `tree`
// and `checkpoints` straight from the bytes in ARCHITECTURE.md "On disk" and ledger.proto, showing
// each bad value beside the expected one, like SQLite's tool/showwal.c. It links neither
// govledger's libraries nor libprotobuf (the wire format is read by hand), so it is a second,
// independent reading. Single-threaded; opens read-only, writes nothing. Exit 0 all OK, 1 on a
// mismatch, 2 on a usage or I/O error.

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Protobuf wire format, just enough to read the fields we need: one field of a message.
struct Field {
  uint32_t number = 0;
  uint32_t wire = 0;       // 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32
  uint64_t varint = 0;     // the value of a varint field
  std::string_view bytes;  // the payload of a length-delimited field
};

bool ReadVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    uint8_t b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= uint64_t{b & 0x7fu} << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

bool ReadField(std::string_view* in, Field* f) {
  uint64_t tag = 0, n = 0;
  if (!ReadVarint(in, &tag) || (tag >> 3) == 0 || (tag >> 3) > 0x1fffffff) return false;
  f->number = static_cast<uint32_t>(tag >> 3);
  f->wire = static_cast<uint32_t>(tag & 7);
  if (f->wire == 0) return ReadVarint(in, &f->varint);
  if (f->wire != 1 && f->wire != 2 && f->wire != 5) return false;  // no groups in proto3
  n = f->wire == 1 ? 8 : 4;
  if (f->wire == 2 && !ReadVarint(in, &n)) return false;
  if (n > in->size()) return false;
  f->bytes = in->substr(0, n);
  in->remove_prefix(n);
  return true;
}

// A message's fields in wire order; `ok` is false if the bytes did not parse.
struct Message {
  bool ok = true;
  std::vector<Field> fields;

  // The last `number` field of wire type `wire` (in proto3 the last one wins), or an empty one.
  const Field& Get(uint32_t number, uint32_t wire) const {
    static const Field kAbsent;
    const Field* found = &kAbsent;
    for (const Field& f : fields) found = f.number == number && f.wire == wire ? &f : found;
    return *found;
  }
  std::string_view Bytes(uint32_t number) const { return Get(number, 2).bytes; }
  uint64_t Varint(uint32_t number) const { return Get(number, 0).varint; }
};

Message Parse(std::string_view in) {
  Message m;
  while (!in.empty()) {
    Field f;
    if (!(m.ok = ReadField(&in, &f))) break;
    m.fields.push_back(f);
  }
  return m;
}

std::string Hex(std::string_view b) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : b) out.append({kDigits[c >> 4], kDigits[c & 15]});
  return out;
}

uint64_t BigEndian64(std::string_view b) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < b.size(); ++i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  return v;
}

// google.protobuf.Timestamp (1 seconds, 2 nanos) as "seconds.nanos (UTC time)".
std::string TimestampText(std::string_view ts) {
  Message m = Parse(ts);
  int64_t secs = static_cast<int64_t>(m.Varint(1));
  int32_t nanos = static_cast<int32_t>(m.Varint(2));
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  char day[32] = "?", out[96];
  if (gmtime_r(&t, &tm) != nullptr) std::strftime(day, sizeof day, "%Y-%m-%d %H:%M:%S", &tm);
  std::snprintf(out, sizeof out, "%lld.%09d (%s.%06d UTC)%s", static_cast<long long>(secs), nanos,
                day, nanos / 1000, m.ok ? "" : " [unparsable Timestamp]");
  return out;
}

std::string Sha256(std::string_view data) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  return std::string(reinterpret_cast<char*>(out), sizeof out);
}

// RFC 6962: leaf = SHA-256(0x00 || body), node = SHA-256(0x01 || left || right).
std::string LeafHash(std::string_view body) { return Sha256(std::string(1, '\0').append(body)); }
std::string NodeHash(const std::string& l, const std::string& r) {
  return Sha256(std::string(1, '\x01') + l + r);
}

// RFC 6962 MTH over leaf hashes [begin, end): split at the largest power of 2 < n.
std::string MerkleRoot(const std::vector<std::string>& leaves, size_t begin, size_t end) {
  size_t n = end - begin;
  if (n == 0) return Sha256("");
  if (n == 1) return leaves[begin];
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return NodeHash(MerkleRoot(leaves, begin, begin + k), MerkleRoot(leaves, begin + k, end));
}

std::string KeyIdOf(std::string_view public_key) { return Hex(Sha256(public_key).substr(0, 8)); }

bool Ed25519Verify(std::string_view public_key, std::string_view msg, std::string_view sig) {
  if (public_key.size() != 32 || sig.size() != 64) return false;
  EVP_PKEY* key = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(public_key.data()), 32);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = key != nullptr && ctx != nullptr &&
            EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(msg.data()), msg.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return ok;
}

// Event oneof field numbers (ledger.proto); 0 is not a field.
// clang-format off
const char* const kEventNames[] = {
    "(none)", "ledger_created", "signer_added", "signer_revoked", "party_added",
    "collaboration_established", "collaboration_dissolved", "party_entered", "withdrawal_notice",
    "party_withdrew", "lead_appointed", "budget_set", "agreement_varied", "entry_retracted",
    "decision_approved"};
// clang-format on

struct Dump {
  rocksdb::DB* db = nullptr;
  rocksdb::ColumnFamilyHandle* tree_cf = nullptr;
  std::optional<uint64_t> only_seq;         // --seq N: print just that entry
  bool show = true;                         // print the current record's lines
  bool found = false;                       // --seq N was in the log
  std::string where;                        // "seq 5", for the summary
  std::vector<std::string> problems;        // "seq 5: signature", ...
  std::vector<std::string> leaves;          // recomputed leaf hashes, in log order
  std::vector<std::string> body_hashes;     // SHA-256 of each body, for approvals
  std::map<std::string, std::string> keys;  // key id -> raw public key, from the log
  std::string ledger_id;                    // entry 1's
  uint64_t next_seq = 1;

  void Line(const char* label, const std::string& value) {
    if (show) std::printf("  %-15s %s\n", label, value.c_str());
  }
  void Fail(const char* label, const std::string& value, const std::string& why) {
    Line(label, value + (value.empty() ? "" : "  ") + "MISMATCH " + why);
    problems.push_back(where + ": " + label);
  }
  // Prints `got`, then OK or MISMATCH with the expected value beside it.
  void Check(const char* label, const std::string& got, const std::string& want) {
    got == want ? Line(label, got + "  OK") : Fail(label, got, "expected " + want);
  }
};

// Prints the event's field number and name; records the public keys it authorises.
void DumpEvent(Dump& d, std::string_view event, std::optional<std::string>* added_key) {
  Message m = Parse(event);
  if (!m.ok || m.fields.size() != 1 || m.fields[0].wire != 2 || m.fields[0].number > 14) {
    d.Fail("event", std::to_string(m.fields.size()) + " fields", "expected exactly one of 1..14");
    return;
  }
  uint32_t n = m.fields[0].number;
  std::string text = std::to_string(n) + " " + kEventNames[n];
  if ((n == 1) != d.leaves.empty()) return d.Fail("event", text, "ledger_created is seq 1 only");
  Message inner = Parse(m.fields[0].bytes);
  if (n == 1 || n == 2) {
    std::string pub(inner.Bytes(n == 1 ? 2 : 1)), id = KeyIdOf(pub);
    text += ", key " + id + " (" + std::to_string(pub.size()) + "-byte public key)";
    if (n == 1) d.keys[id] = pub;  // entry 1 is signed by the key it creates
    if (n == 2) *added_key = pub;  // an added key signs from the next entry on
    if (n == 2 && inner.Bytes(2) != id)
      return d.Fail("event", text, "stored key_id " + std::string(inner.Bytes(2)));
  }
  d.Line("event", text);
  if (n == 14) {  // decision_approved: 1 seq, 2 body_sha256, 3 party_id
    const uint64_t target = inner.Varint(1);
    d.Line("approves", "seq " + std::to_string(target) + " for " + std::string(inner.Bytes(3)));
    const bool known = target >= 1 && target <= d.body_hashes.size();
    d.Check("body_sha256", Hex(inner.Bytes(2)),
            known ? Hex(d.body_hashes[target - 1]) : "an earlier entry's body hash");
  }
}

// Verifies `sig` over `body` with key `id`, which an earlier entry must have authorised.
void DumpSignature(Dump& d, const std::string& id, std::string_view body, std::string_view sig) {
  auto it = d.keys.find(id);
  if (it == d.keys.end()) return d.Fail("signature", "", "key_id " + id + " not added by the log");
  if (Ed25519Verify(it->second, body, sig))
    return d.Line("signature", "verifies with " + id + "  OK");
  d.Fail("signature", "", "does not verify with " + id);
}

// Compares the stored `tree` level-0 node for leaf `index` with the recomputed leaf hash.
void DumpTreeLeaf(Dump& d, uint64_t index, const std::string& leaf) {
  std::string key(1, '\0'), stored;
  for (int i = 7; i >= 0; --i) key += static_cast<char>(index >> (8 * i));
  rocksdb::Status s = d.db->Get(rocksdb::ReadOptions(), d.tree_cf, key, &stored);
  if (!s.ok())
    return d.Fail("tree", "(0, " + std::to_string(index) + ") " + s.ToString(),
                  "expected " + Hex(leaf));
  if (stored == leaf) return d.Line("tree", "OK");
  d.Fail("tree", Hex(stored), "expected " + Hex(leaf));
}

void DumpBody(Dump& d, uint64_t seq, std::string_view body, std::string_view sig) {
  Message m = Parse(body);
  if (!m.ok) d.Fail("body", "", "does not parse as protobuf");
  std::string id = Hex(m.Bytes(1));
  if (d.leaves.empty()) d.ledger_id = id;
  d.Check("ledger_id", id, d.ledger_id);
  d.Check("seq", std::to_string(m.Varint(2)), std::to_string(seq));
  std::string prev = d.leaves.empty() ? std::string(32, '\0') : d.leaves.back();
  d.Check("prev_leaf_hash", Hex(m.Bytes(3)), Hex(prev));
  d.Line("recorded_at", TimestampText(m.Bytes(4)));
  std::string key_id(m.Bytes(5));
  d.Line("key_id", key_id);
  std::optional<std::string> added_key;
  DumpEvent(d, m.Bytes(7), &added_key);
  std::string leaf = LeafHash(body);
  d.Line("leaf_hash", Hex(leaf));
  DumpSignature(d, key_id, body, sig);
  DumpTreeLeaf(d, d.leaves.size(), leaf);
  if (added_key) d.keys[KeyIdOf(*added_key)] = *added_key;
  d.leaves.push_back(leaf);
  d.body_hashes.push_back(Sha256(body));
}

// Bytes a base-128 varint of `n` takes.
size_t VarintSize(uint64_t n) {
  size_t size = 1;
  while (n >= 0x80) n >>= 7, ++size;
  return size;
}

void DumpEntry(Dump& d, std::string_view key, std::string_view value) {
  uint64_t expected = d.next_seq;
  uint64_t seq = key.size() == 8 ? BigEndian64(key) : expected;
  d.next_seq = seq + 1;
  d.where = "seq " + std::to_string(seq);
  d.show = !d.only_seq || *d.only_seq == seq;
  d.found |= d.show;
  if (d.show) std::printf("log key %s\n", Hex(key).c_str());
  if (key.size() != 8) d.Fail("key", std::to_string(key.size()) + " bytes", "expected 8");
  if (key.size() == 8) d.Check("key seq", std::to_string(seq), std::to_string(expected));
  Message entry = Parse(value);
  std::string_view body = entry.Bytes(1), sig = entry.Bytes(2);
  if (!entry.ok) d.Fail("value", "", "does not parse as SignedEntry");
  // The writer stores exactly field 1 then field 2; anything else (an extra
  // or repeated field) would still parse, so compare the size it must have.
  const size_t canonical =
      2 + VarintSize(body.size()) + body.size() + VarintSize(sig.size()) + sig.size();
  d.Check("value size", std::to_string(value.size()), std::to_string(canonical));
  d.Line("body size", std::to_string(body.size()));
  d.Check("signature size", std::to_string(sig.size()), "64");
  DumpBody(d, seq, body, sig);
}

void DumpCheckpoint(Dump& d, std::string_view key, std::string_view value) {
  d.where = "checkpoint " + Hex(key);
  std::printf("checkpoint key %s\n", Hex(key).c_str());
  if (key.size() != 16) d.Fail("key", std::to_string(key.size()) + " bytes", "expected 16");
  Message signed_cp = Parse(value);
  if (!signed_cp.ok) d.Fail("value", "", "does not parse as SignedCheckpoint");
  Message body = Parse(signed_cp.Bytes(1));
  if (!body.ok) d.Fail("body", "", "does not parse as CheckpointBody");
  uint64_t size = body.Varint(2);
  d.Check("ledger_id", Hex(body.Bytes(1)), d.ledger_id);
  d.Check("tree_size", std::to_string(size), std::to_string(BigEndian64(key)));
  std::string root = size > d.leaves.size()
                         ? "(no root: the log has " + std::to_string(d.leaves.size()) + " entries)"
                         : Hex(MerkleRoot(d.leaves, 0, size));
  d.Check("root_hash", Hex(body.Bytes(3)), root);
  d.Line("time", TimestampText(body.Bytes(4)));
  d.Line("key_id", std::string(body.Bytes(5)));
  d.Check("signature size", std::to_string(signed_cp.Bytes(2).size()), "64");
  DumpSignature(d, std::string(body.Bytes(5)), signed_cp.Bytes(1), signed_cp.Bytes(2));
  std::string_view note = signed_cp.Bytes(3);
  d.Line("note",
         std::to_string(note.size()) + " bytes: " + std::string(note.substr(0, note.find('\n'))));
}

// RocksDB's info log would otherwise rotate LOG inside the audited directory.
class NullLogger : public rocksdb::Logger {
 public:
  void Logv(const char*, va_list) override {}
};

// Prints an I/O or usage error; returns exit code 2.
int Error(const std::string& what) {
  std::fprintf(stderr, "govledger-dump: %s\n", what.c_str());
  return 2;
}

// Calls `fn` on every key/value of `cf`; false on a read error.
template <typename Fn>
bool Scan(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, Fn fn) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    fn(it->key().ToStringView(), it->value().ToStringView());
  if (!it->status().ok()) Error(it->status().ToString());
  return it->status().ok();
}

int Summarise(const Dump& d) {
  std::printf("summary: %zu entries, %zu mismatches\n", d.leaves.size(), d.problems.size());
  for (size_t i = 0; i < d.problems.size() && i < 50; ++i)
    std::printf("  %s\n", d.problems[i].c_str());
  if (d.problems.size() > 50) std::printf("  ... and %zu more\n", d.problems.size() - 50);
  return d.problems.empty() ? 0 : 1;
}

const char kUsage[] = "usage: govledger-dump DIR [--seq N] [--checkpoints]";

// Reads DIR [--seq N] [--checkpoints]; false on a usage error.
bool ParseArgs(int argc, char** argv, std::string* dir, Dump* d, bool* checkpoints) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--checkpoints") {
      *checkpoints = true;
    } else if (a == "--seq" && i + 1 < argc) {
      d->only_seq = std::strtoull(argv[++i], nullptr, 10);
    } else if (dir->empty() && a[0] != '-') {
      *dir = a;
    } else {
      return false;
    }
  }
  return !dir->empty() && d->only_seq != 0ull;
}

// Dumps and checks the log, then (with --checkpoints) the checkpoints; the exit code.
int Run(Dump& d, const std::vector<rocksdb::ColumnFamilyHandle*>& handles, bool checkpoints) {
  d.tree_cf = handles[2];
  auto entry = [&](std::string_view k, std::string_view v) { DumpEntry(d, k, v); };
  if (!Scan(d.db, handles[1], entry)) return 2;
  if (d.only_seq && !d.found)
    return Error("seq " + std::to_string(*d.only_seq) + " is not in the log");
  std::string root = Hex(MerkleRoot(d.leaves, 0, d.leaves.size()));
  std::printf("root of %zu leaves: %s\n", d.leaves.size(), root.c_str());
  auto checkpoint = [&](std::string_view k, std::string_view v) { DumpCheckpoint(d, k, v); };
  if (checkpoints && !Scan(d.db, handles[3], checkpoint)) return 2;
  return Summarise(d);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  Dump d;
  bool checkpoints = false;
  if (!ParseArgs(argc, argv, &dir, &d, &checkpoints)) return Error(kUsage);
  rocksdb::DBOptions options;
  options.info_log = std::make_shared<NullLogger>();
  rocksdb::ColumnFamilyOptions cf;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // default, log, tree, checkpoints
  rocksdb::Status s = rocksdb::DB::OpenForReadOnly(
      options, dir,
      {{rocksdb::kDefaultColumnFamilyName, cf}, {"log", cf}, {"tree", cf}, {"checkpoints", cf}},
      &handles, &d.db);
  if (!s.ok()) return Error("opening " + dir + ": " + s.ToString());
  std::unique_ptr<rocksdb::DB> db(d.db);
  int rc = Run(d, handles, checkpoints);
  for (auto* h : handles) d.db->DestroyColumnFamilyHandle(h);  // before the DB closes
  return rc;
}
