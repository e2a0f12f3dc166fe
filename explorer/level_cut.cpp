// The cut file: fixed-width little-endian fields, then the arrays, then an
// FNV-1a 64 checksum of every byte before it. FNV-1a is written here rather
// than taken from a library: it is ten lines, needs no dependency, and what
// it must catch is accidental damage (a truncated write, a flipped bit), not
// an adversary. The layout is docs/checkpoint.md's.
#include "explorer/level_cut.hpp"

#include <bit>
#include <cstring>
#include <filesystem>

namespace explorer {

static_assert(std::endian::native == std::endian::little, "the cut file is written as the memory holds it: little-endian");

namespace {

constexpr char kMagic[8] = {'L', 'G', 'R', 'C', 'U', 'T', '\n', '\0'};
constexpr uint32_t kVersion = 1;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t store;
  uint64_t words, states, level_begin, level_end;
  uint32_t depth, complete_levels;
  uint64_t transitions, terminal_states, peak_bytes;
  double seconds;
  uint64_t fingerprints, frontier_words, coverage_transitions, coverage_groups;
};
struct Finding {
  uint32_t first_state, depth;
  uint64_t labelled_states;
};
static_assert(sizeof(Header) == 120 && sizeof(Finding) == 16, "fixed-width fields, no padding");

// The bytes of the arrays after the header and the findings.
uint64_t array_bytes(const Header& h) {
  return h.states * (sizeof(StateId) + sizeof(ActionId)) +
         (h.store == static_cast<uint32_t>(StoreKind::Table) || h.store == static_cast<uint32_t>(StoreKind::Tree)
              ? h.states * h.words * sizeof(StateWord)
              : 0) +
         (h.fingerprints + h.frontier_words + h.coverage_transitions + h.coverage_groups) * 8;
}

class SummedWriter {
 public:
  SummedWriter(std::FILE* f, const std::string& name) : f_(f), name_(name) {}
  void put(const void* p, std::size_t n) {
    if (n == 0) return;
    sum_ = fnv1a64(p, n, sum_);
    if (std::fwrite(p, 1, n, f_) != n) throw std::runtime_error("cannot write checkpoint file " + name_);
    bytes_ += n;
  }
  template <class T>
  void put_all(std::span<const T> s) { put(s.data(), s.size_bytes()); }
  uint64_t finish() {
    const uint64_t sum = sum_;
    put(&sum, sizeof sum);
    return bytes_;
  }

 private:
  std::FILE* f_;
  std::string name_;
  uint64_t sum_ = kFnvBasis, bytes_ = 0;
};

class SummedReader {
 public:
  SummedReader(std::FILE* f, const std::string& name) : f_(f), name_(name) {}
  void get(void* p, std::size_t n) {
    if (n == 0) return;
    if (std::fread(p, 1, n, f_) != n) throw CutFileError("checkpoint file " + name_ + " is truncated");
    sum_ = fnv1a64(p, n, sum_);
  }
  template <class T>
  std::vector<T> get_vector(uint64_t n) {
    std::vector<T> v(n);
    get(v.data(), n * sizeof(T));
    return v;
  }
  uint64_t sum() const { return sum_; }

 private:
  std::FILE* f_;
  std::string name_;
  uint64_t sum_ = kFnvBasis;
};

struct OwnedArrays {
  std::vector<StateId> parents;
  std::vector<ActionId> actions;
  std::vector<StateWord> arena;
};

}  // namespace

uint64_t fnv1a64(const void* data, std::size_t n, uint64_t h) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}

uint64_t write_level_cut(const LevelCut& cut, std::FILE* file, const std::string& name) {
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.store = static_cast<uint32_t>(cut.store);
  h.words = cut.words;
  h.states = cut.states;
  h.level_begin = cut.level_begin;
  h.level_end = cut.level_end;
  h.depth = cut.depth;
  h.complete_levels = cut.so_far.complete_levels;
  h.transitions = cut.so_far.transitions;
  h.terminal_states = cut.so_far.terminal_states;
  h.peak_bytes = cut.so_far.peak_bytes;
  h.seconds = cut.so_far.seconds;
  h.fingerprints = cut.fingerprints.size();
  h.frontier_words = cut.frontier.size();
  h.coverage_transitions = cut.so_far.coverage.transitions.size();
  h.coverage_groups = cut.so_far.coverage.group_states.size();
  SummedWriter w(file, name);
  w.put(&h, sizeof h);
  for (const LabelFinding& f : cut.so_far.findings) {
    const Finding x{f.first_state, f.depth, f.labelled_states};
    w.put(&x, sizeof x);
  }
  w.put_all(cut.parents.first(cut.states));
  w.put_all(cut.actions.first(cut.states));
  if (cut.store == StoreKind::Table) w.put_all(cut.arena.first(cut.states * cut.words));
  if (cut.store == StoreKind::Tree) {
    if (cut.visited.size() != cut.states * cut.words) throw std::logic_error("tree cut: visited states and count disagree");
    w.put_all(std::span<const StateWord>(cut.visited));
  }
  w.put_all(std::span<const uint64_t>(cut.fingerprints));
  w.put_all(std::span<const StateWord>(cut.frontier));
  w.put_all(std::span<const uint64_t>(cut.so_far.coverage.transitions));
  w.put_all(std::span<const uint64_t>(cut.so_far.coverage.group_states));
  return w.finish();
}

LevelCut read_level_cut(const std::string& path) {
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) throw CutFileError("checkpoint file " + path + " is missing");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw CutFileError("cannot read checkpoint file " + path);
  SummedReader r(f.get(), path);
  Header h{};
  r.get(&h, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) throw CutFileError("checkpoint file " + path + " is not a cut file");
  if (h.version != kVersion)
    throw CutFileError("checkpoint file " + path + " has format version " + std::to_string(h.version) +
                       ", this lgrcheck reads version " + std::to_string(kVersion));
  const uint64_t expected = sizeof h + kMaxLabels * sizeof(Finding) + array_bytes(h) + sizeof(uint64_t);
  if (size < expected) throw CutFileError("checkpoint file " + path + " is truncated");
  if (size > expected) throw CutFileError("checkpoint file " + path + " has trailing bytes");
  LevelCut cut;
  cut.store = static_cast<StoreKind>(h.store);
  cut.words = h.words;
  cut.states = h.states;
  cut.level_begin = h.level_begin;
  cut.level_end = h.level_end;
  cut.depth = h.depth;
  cut.so_far.complete_levels = h.complete_levels;
  cut.so_far.transitions = h.transitions;
  cut.so_far.terminal_states = h.terminal_states;
  cut.so_far.peak_bytes = h.peak_bytes;
  cut.so_far.seconds = h.seconds;
  for (LabelFinding& x : cut.so_far.findings) {
    Finding y{};
    r.get(&y, sizeof y);
    x = {y.first_state, y.depth, y.labelled_states};
  }
  auto owned = std::make_shared<OwnedArrays>();
  owned->parents = r.get_vector<StateId>(h.states);
  owned->actions = r.get_vector<ActionId>(h.states);
  if (cut.store == StoreKind::Table) owned->arena = r.get_vector<StateWord>(h.states * h.words);
  if (cut.store == StoreKind::Tree) cut.visited = r.get_vector<StateWord>(h.states * h.words);
  cut.fingerprints = r.get_vector<uint64_t>(h.fingerprints);
  cut.frontier = r.get_vector<StateWord>(h.frontier_words);
  cut.so_far.coverage.transitions = r.get_vector<uint64_t>(h.coverage_transitions);
  cut.so_far.coverage.group_states = r.get_vector<uint64_t>(h.coverage_groups);
  const uint64_t computed = r.sum();
  uint64_t stored = 0;
  r.get(&stored, sizeof stored);
  if (stored != computed) throw CutFileError("checkpoint file " + path + " is damaged (checksum mismatch)");
  if (h.level_begin > h.level_end || h.level_end != h.states || (h.store != static_cast<uint32_t>(StoreKind::Table) &&
                                                                 h.frontier_words != (h.level_end - h.level_begin) * h.words))
    throw CutFileError("checkpoint file " + path + " is inconsistent (level and state counts disagree)");
  cut.parents = owned->parents;
  cut.actions = owned->actions;
  cut.arena = owned->arena;
  cut.owner = owned;
  return cut;
}

}  // namespace explorer
