// Extra sweep columns the CLI provides: SystemC timing per point (in a child process: a SystemC
// kernel elaborates once per process) and test-set accuracy of given weights per point.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "accuracy/accuracy.hpp"
#include "report/sweep.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::cli {

// sim_latency_ns, sim_throughput_inferences_per_s, sim_cycles from `cimsim simulate` run by this very
// program on the point's configuration (written as INI, the dump that loads back identically):
// `--weights weights_dir` for the workloads in `weighted` (mapped with those weights' zeros),
// `--workload` for the others.
report::ExtraColumns simulate_columns(const WorkloadReading& reading, const std::string& weights_dir,
                                      const std::set<std::string>& weighted);

// The workloads whose layers `model` fits (Network::same_weight_shapes), each with the weights'
// non-zero pattern, for SweepSpec::patterns.
std::map<std::string, mapping::WeightPattern> weight_patterns(const accuracy::Model& model,
                                                              const std::vector<std::string>& workloads,
                                                              const WorkloadReading& reading);

// accuracy_pct (mean over `seeds` noise seeds) of `model` on the digits test set, through the
// analog model with the point's configuration; the same for every workload.
report::ExtraColumns accuracy_columns(std::shared_ptr<const accuracy::Model> model, int seeds);

// fidelity_snr_db (the network output on the analog path against exact int8; "inf" when equal)
// and top1_agreement_pct per point, for workloads that are ONNX models (their weights): each
// model is read once, here, and `fingerprint` gets each model's and the batch's fingerprints so a
// resumed sweep must use the same. A workload without weights is an InputError naming it.
report::ExtraColumns fidelity_columns(const std::vector<std::string>& workloads, const WorkloadReading& reading,
                                      const accuracy::FidelityInputs& inputs, std::string& fingerprint);

}  // namespace cimsim::cli
