#include "cli/sweep_extras.hpp"

#include "cli/table.hpp"

#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <string_view>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "accuracy/accuracy.hpp"
#include "core/errors.hpp"
#include "core/fingerprint.hpp"

extern char** environ;

namespace cimsim::cli {
namespace {

// A temporary file removed when it goes out of scope.
struct TempFile {
  std::string path;
  explicit TempFile(const char* suffix) {
    std::string pattern = std::string(P_tmpdir) + "/cimsim-sweep-XXXXXX" + suffix;
    const int fd = ::mkstemps(pattern.data(), int(std::string(suffix).size()));
    if (fd < 0) throw InputError(pattern + ": cannot create a temporary file");
    ::close(fd);
    path = pattern;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

// Runs `argv` with stdout and stderr discarded; returns its wait status.
int run_quietly(std::vector<std::string> argv) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  pid_t child = 0;
  const int spawned = posix_spawn(&child, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw report::PointFailure(std::string("cannot start cimsim simulate: ") + std::strerror(spawned));
  int status = 0;
  if (::waitpid(child, &status, 0) < 0) throw report::PointFailure(std::string("waiting for cimsim simulate: ") + std::strerror(errno));
  return status;
}

// An exit code is the child's verdict on the point (an error row). A signal (a crash, a kill, a
// resource limit) is not: a PointFailure naming it leaves the point for a rerun.
void check_simulate_status(int status) {
  if (WIFSIGNALED(status))
    throw report::PointFailure("cimsim simulate was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
                               strsignal(WTERMSIG(status)) + ")");
  if (WEXITSTATUS(status) != 0)
    throw InputError("cimsim simulate failed on this point (exit " + std::to_string(WEXITSTATUS(status)) + ")");
}

// What `cimsim simulate` is told to map: the workload, or the weights whose zeros it is mapped with.
std::vector<std::string> simulated_workload(const WorkloadReading& reading, const std::string& workload,
                                            const std::string& weights_dir, bool weighted) {
  if (weighted) return {"--weights", weights_dir};
  std::vector<std::string> args = {"--workload", workload, "--workload-format", workload_format_name(reading.format)};
  if (!reading.input_shape.empty()) args.insert(args.end(), {"--input-shape", input_shape_text(reading.input_shape)});
  return args;
}

std::vector<std::string> simulate_point(const std::vector<std::string>& workload_args, const ArchConfig& config) {
  TempFile ini(".ini"), json(".json");
  std::ofstream(ini.path) << dump_config_ini(config);
  std::vector<std::string> argv = {"/proc/self/exe", "simulate", "--config", ini.path, "--json", json.path};
  argv.insert(argv.end(), workload_args.begin(), workload_args.end());
  check_simulate_status(run_quietly(argv));
  const nlohmann::json simulation = nlohmann::json::parse(std::ifstream(json.path)).at("simulation");
  return {significant(simulation.at("latency_ns").get<double>(), 9),
          significant(simulation.at("throughput_inferences_per_s").get<double>(), 9),
          significant(simulation.at("simulated_cycles").get<double>(), 9)};
}

}  // namespace

report::ExtraColumns simulate_columns(const WorkloadReading& reading, const std::string& weights_dir,
                                      const std::set<std::string>& weighted) {
  return {{"sim_latency_ns", "sim_throughput_inferences_per_s", "sim_cycles"},
          [reading, weights_dir, weighted](const std::string& workload, const ArchConfig& config) {
            return simulate_point(simulated_workload(reading, workload, weights_dir, weighted.count(workload) > 0),
                                  config);
          }};
}

std::map<std::string, mapping::WeightPattern> weight_patterns(const accuracy::Model& model,
                                                              const std::vector<std::string>& workloads,
                                                              const WorkloadReading& reading) {
  std::map<std::string, mapping::WeightPattern> patterns;
  for (const auto& workload : workloads)
    if (load_workload(workload, reading).same_weight_shapes(model.network))
      patterns.emplace(workload, accuracy::weight_pattern(model));
  return patterns;
}

namespace {

// One workload's model with the batch it is measured on.
struct FidelityWorkload {
  accuracy::Model model;
  accuracy::FidelityBatch batch;
};

FidelityWorkload fidelity_workload(const std::string& workload, const WorkloadReading& reading,
                                   const accuracy::FidelityInputs& in) {
  accuracy::Model model = accuracy::model_of(load_weighted_workload(workload, reading));
  accuracy::FidelityBatch batch = accuracy::fidelity_batch(in, model.network);
  return {std::move(model), std::move(batch)};
}

}  // namespace

report::ExtraColumns fidelity_columns(const std::vector<std::string>& workloads, const WorkloadReading& reading,
                                      const accuracy::FidelityInputs& inputs, std::string& fingerprint) {
  auto models = std::make_shared<std::map<std::string, FidelityWorkload>>();
  Fingerprint key;
  key.add(fingerprint);
  const auto bytes = [](const Eigen::MatrixXf& m) {
    return std::string_view(reinterpret_cast<const char*>(m.data()), std::size_t(m.size()) * sizeof(float));
  };
  for (const std::string& w : workloads) {
    const FidelityWorkload& loaded = models->emplace(w, fidelity_workload(w, reading, inputs)).first->second;
    key.add(accuracy::model_fingerprint(loaded.model)).add(bytes(loaded.batch.inputs)).add(bytes(loaded.batch.calibration));
  }
  fingerprint = key.hex();
  return {{"fidelity_snr_db", "top1_agreement_pct"}, [models](const std::string& workload, const ArchConfig& config) {
            const FidelityWorkload& w = models->at(workload);
            const accuracy::QuantizedModel q = accuracy::quantize(w.model, w.batch.calibration, config);
            const accuracy::Fidelity f = accuracy::measure_fidelity(q, w.batch.inputs, config);
            return std::vector<std::string>{std::isinf(f.output.snr_db) ? "inf" : significant(f.output.snr_db, 6),
                                            significant(100 * f.agreement_with_int8, 6)};
          }};
}

report::ExtraColumns accuracy_columns(std::shared_ptr<const accuracy::Model> model, int seeds) {
  if (seeds < 1 || seeds > 10000) throw InputError("command line: --seeds " + std::to_string(seeds) + ": expected 1..10000");
  const auto split = std::make_shared<const Split>(accuracy::standard_digits_split());
  return {{"accuracy_pct"}, [model, split, seeds](const std::string&, const ArchConfig& config) {
            double mean = 0;
            for (int k = 0; k < seeds; ++k) {
              const ArchConfig point = accuracy::with_noise_draw(config, k);
              const accuracy::QuantizedModel q = accuracy::quantize(*model, split->train, point);
              mean += accuracy::accuracy_of(accuracy::predict_analog(q, split->test, point).predictions, split->test) / seeds;
            }
            return std::vector<std::string>{significant(100 * mean, 9)};
          }};
}

}  // namespace cimsim::cli
