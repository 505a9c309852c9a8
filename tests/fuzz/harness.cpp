#include "tests/fuzz/harness.hpp"

#include <dirent.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include "accuracy/accuracy.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "report/report.hpp"
#include "report/sweep.hpp"
#include "workloads/dataset.hpp"
#include "workloads/neurosim_trace.hpp"
#include "workloads/npy.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::fuzz {

namespace {

// A folder made for this process and removed with everything in it when the process exits.
struct ScratchFolder {
  std::string path;
  ScratchFolder() {
    char pattern[] = "/tmp/cimsim_fuzz_XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("cannot create a scratch folder in /tmp");
    path = pattern;
  }
  ~ScratchFolder() {
    empty(path);
    ::rmdir(path.c_str());
  }
  static void empty(const std::string& dir) {
    if (DIR* folder = ::opendir(dir.c_str())) {
      while (const dirent* entry = ::readdir(folder))
        if (entry->d_name[0] != '.') ::unlink((dir + "/" + entry->d_name).c_str());
      ::closedir(folder);
    }
  }
};

}  // namespace

// Emptied before every input, so no file outlives the input it came from.
const std::string& scratch_dir() {
  static const ScratchFolder folder;
  return folder.path;
}

namespace {

// Multi-file inputs (a weights folder, a trace folder) are one byte string cut at this byte.
constexpr char kFileSeparator = '|';

std::string fresh_scratch() {
  ScratchFolder::empty(scratch_dir());
  return scratch_dir();
}

std::string write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::vector<std::string> split_files(const std::string& input) {
  std::vector<std::string> parts(1);
  for (char c : input) {
    if (c == kFileSeparator) parts.emplace_back();
    else parts.back().push_back(c);
  }
  return parts;
}

void workload_csv(const std::string& input) { read_network_csv(write(fresh_scratch() + "/input.csv", input)); }

void neurosim_network(const std::string& input) {
  read_neurosim_network(write(fresh_scratch() + "/input.csv", input));
}

void onnx_model(const std::string& input) { read_onnx_model(write(fresh_scratch() + "/input.onnx", input)); }

void npy_array(const std::string& input) { read_npy(write(fresh_scratch() + "/array.npy", input)); }

void ini_config(const std::string& input) {
  resolve_config(read_ini_settings(write(fresh_scratch() + "/config.ini", input)));
}

// The input is the zero-fraction CSV an INI file names with a path relative to itself.
void zero_fractions(const std::string& input) {
  const std::string dir = fresh_scratch();
  write(dir + "/zeros.csv", input);
  const std::string ini = "[sparsity]\nlayer_zero_fractions = zeros.csv\n";
  resolve_config(read_ini_settings(write(dir + "/config.ini", ini)));
}

void digits(const std::string& input) { read_digits(write(fresh_scratch() + "/data.csv.gz", input)); }

// network.csv | weights of the first crossbar layer | its bias | weights of the second | ...
void weights(const std::string& input) {
  const std::string dir = fresh_scratch();
  const std::vector<std::string> parts = split_files(input);
  std::size_t next = 1;
  for (const Layer& layer : read_network_csv(write(dir + "/network.csv", parts[0])).layers) {
    if (!layer.on_crossbar() || layer.name.find('/') != std::string::npos) continue;
    for (const char* suffix : {".weights.csv", ".bias.csv"})
      if (next < parts.size()) write(dir + "/" + layer.name + suffix, parts[next++]);
  }
  accuracy::load_model(dir);
}

// weight0.csv | input0.csv | weight1.csv | input1.csv | ... (8-bit inputs, NeuroSim's default).
// At most 8 layers: later layers repeat the same checks, and every file costs a read.
constexpr std::size_t kMaxTraceFiles = 16;
void neurosim_trace(const std::string& input) {
  const std::string dir = fresh_scratch();
  const std::vector<std::string> parts = split_files(input);
  for (std::size_t i = 0; i < parts.size() && i < kMaxTraceFiles; ++i)
    write(dir + (i % 2 ? "/input" : "/weight") + std::to_string(i / 2) + ".csv", parts[i]);
  read_neurosim_trace(dir, 8);
}

// shard0.csv | shard1.csv | ... merged, front marked, into the scratch folder: the sweep CSV reader
// and every check merge makes (columns, grid_points, hashes, ids, results of ok rows).
constexpr std::size_t kMaxShards = 8;
void merge(const std::string& input) {
  const std::string dir = fresh_scratch();
  const std::vector<std::string> parts = split_files(input);
  std::vector<std::string> shards;
  for (std::size_t i = 0; i < parts.size() && i < kMaxShards; ++i)
    shards.push_back(write(dir + "/shard" + std::to_string(i) + ".csv", parts[i]));
  std::ostringstream log;
  report::merge_sweeps(shards, dir + "/merged.csv", true, log);
}

// A `cimsim report` input: a run or replay JSON (first non-blank byte '{') or a sweep CSV, read
// against the report schema and rendered to HTML and Markdown (the log-scale axes included).
void report_json(const std::string& input) {
  const std::string dir = fresh_scratch();
  report::write_reports(write(dir + "/result.json", input), dir + "/report.html",
                        dir + "/report.md");
}

}  // namespace

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {"workload_csv", workload_csv}, {"neurosim_network", neurosim_network}, {"weights", weights},
      {"neurosim_trace", neurosim_trace}, {"ini_config", ini_config},           {"digits", digits},
      {"zero_fractions", zero_fractions}, {"merge", merge}, {"report_json", report_json},
      {"onnx_model", onnx_model},         {"npy_array", npy_array},
  };
  return all;
}

const Target& find_target(const std::string& name) {
  std::string known;
  for (const auto& target : targets()) {
    if (name == target.name) return target;
    known += std::string(" ") + target.name;
  }
  throw std::invalid_argument("unknown fuzz target '" + name + "'; known:" + known);
}

int run_input(const Target& target, const std::uint8_t* data, std::size_t size) {
  try {
    target.run(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const InputError&) {
    // the expected outcome of bad input
  }
  return 0;
}

}  // namespace cimsim::fuzz
