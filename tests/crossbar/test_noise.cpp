// Non-idealities against their formulas: statistics over >= 10^5 cells, each tolerance justified
// by the sampling error it must cover.
#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"

using namespace cimsim;
using crossbar::Crossbar;
using crossbar::IntMatrix;

namespace {

struct Moments {
  double mean = 0, sd = 0, max_abs = 0;
  long count = 0;
};

// Mean and standard deviation of f(G, column) over the cells of every block whose column `keep`s.
template <class Keep, class F>
Moments moments(const Crossbar& crossbar, Keep keep, F f) {
  double sum = 0, sum_squares = 0, max_abs = 0;
  long count = 0;
  const auto& tiling = crossbar.tiling();
  for (std::int64_t i = 0; i < tiling.row_blocks; ++i)
    for (std::int64_t j = 0; j < tiling.col_blocks; ++j) {
      const Eigen::MatrixXd g = crossbar.conductances(i, j);
      for (Eigen::Index c = 0; c < g.cols(); ++c)
        for (Eigen::Index r = 0; keep(g.cols(), c) && r < g.rows(); ++r) {
          const double value = f(g(r, c), c);
          sum += value, sum_squares += value * value, ++count;
          max_abs = std::max(max_abs, std::fabs(value));
        }
    }
  const double mean = sum / double(count);
  return {mean, std::sqrt(std::max(sum_squares / double(count) - mean * mean, 0.0)), max_abs,
          count};
}

// 2-bit weights in one 2-bit slice, offset scheme: weight w sits at level w + 2 in one cell per
// weight, and the reference column (the last of each block) at level 3. 512 x 254 weights fill
// 4 x 2 arrays of 128 x 128 with 130,048 data cells.
ArchConfig one_cell_per_weight(std::vector<std::pair<std::string, std::string>> keys) {
  keys.insert(
      keys.begin(),
      {{"array.cell_bits", "2"}, {"array.weight_bits", "2"}, {"array.signed_scheme", "offset"}});
  return test::config_with(keys);
}
const auto data_columns = [](Eigen::Index cols, Eigen::Index c) { return c + 1 < cols; };
const auto identity = [](double g, Eigen::Index) { return g; };

// Column c of every block (127 weights each) holds weight -1 (level 1) when c is odd and 0
// (level 2) when even.
IntMatrix alternating_weights() {
  IntMatrix w(512, 254);
  for (Eigen::Index c = 0; c < w.cols(); ++c) w.col(c).setConstant(c % 127 % 2 ? -1 : 0);
  return w;
}


// PCM preset (G_min 0.25 uS, step 8.25 uS, g_max 25 uS) under alternating_weights(): the cells at
// levels 1 and 2 have mean G_target and sd sigma_us(G_target in uS, x = G_target / g_max), 3%.
template <class Sigma>
void check_pcm_levels(const Crossbar& crossbar, Sigma sigma_us_of) {
  for (int level : {1, 2}) {
    const double target_us = 0.25 + level * 8.25, sigma_us = sigma_us_of(target_us, target_us / 25);
    const auto this_level = [&](Eigen::Index cols, Eigen::Index c) {
      return data_columns(cols, c) && (c % 2 ? 1 : 2) == level;
    };
    const Moments m = moments(crossbar, this_level, [](double g, Eigen::Index) { return g * 1e6; });
    INFO("level " << level);
    CHECK(std::fabs(m.mean - target_us) <= 0.03 * sigma_us);
    CHECK(m.sd == Approx(sigma_us).epsilon(0.03));
  }
}

}  // namespace

TEST_CASE("crossbar: programming noise has the set mean and sigma (level-independent gaussian model)") {
  // RRAM 100 kOhm / 1.7 MOhm: G_min = 0.588 uS, range 9.41 uS, level 1 at G_min + range / 3.
  // Sampling errors over 130,048 cells: mean sigma / 361, sd sigma / 510 (0.2%), so 3% is > 10
  // standard errors; the 2^16-point normal table's own bias is below 0.1%.
  const Crossbar crossbar(
      one_cell_per_weight({{"noise.programming", "true"}, {"device.programming_sigma", "0.05"}}),
      IntMatrix::Constant(512, 254, -1));
  const double g_min = 1 / 1.7e6, range = 1 / 1e5 - g_min, sigma = 0.05 * range;
  const Moments m = moments(crossbar, data_columns, identity);
  CHECK(m.count == 130048);
  CHECK(std::fabs(m.mean - (g_min + range / 3)) <= 0.03 * sigma);
  CHECK(m.sd == Approx(sigma).epsilon(0.03));
}

TEST_CASE("crossbar: PCM programming noise follows aihwkit's level-dependent polynomial") {
  // PCM preset: g_max 25 uS, G_min 0.25 uS, step 8.25 uS. Levels 1 and 2 (x = 8.5 / 25, 16.75 / 25)
  // get sigma = 0.26348 + 1.9650 x - 1.1731 x^2 uS (aihwkit pcm.py), 65,024 cells each: 3% is
  // > 7 standard errors of the sd.
  const Crossbar crossbar(
      one_cell_per_weight({{"device.preset", "pcm"}, {"noise.programming", "true"}}),
      alternating_weights());
  check_pcm_levels(crossbar, [](double, double x) { return 0.26348 + 1.9650 * x - 1.1731 * x * x; });
}

TEST_CASE("crossbar: PCM read noise is drawn once per cell at the inference time (aihwkit 1/f)") {
  // aihwkit PCMLikeNoiseModel: sigma = G Q_s sqrt(ln((t + t_r) / (2 t_r))), Q_s = min(0.0088 /
  // x^0.65, 0.2), x = G / 25 uS, t_r = 250 ns, t = t0 = 20 s (no drift time set). Levels 1 and 2
  // (8.5 and 16.75 uS), 65,024 cells each: 3% is > 7 standard errors of the sd; never clipped at
  // 0 (the mean is > 10 sigma).
  const Crossbar crossbar(one_cell_per_weight({{"device.preset", "pcm"}, {"noise.read", "true"}}),
                          alternating_weights());
  const double spread = std::sqrt(std::log((20 + 250e-9) / 500e-9));
  check_pcm_levels(crossbar, [spread](double target_us, double x) {
    return target_us * std::min(0.0088 / std::pow(x, 0.65), 0.2) * spread;
  });
  // Frozen for the evaluation: another read seed reads the same outputs, bit for bit.
  std::mt19937_64 rng(3);
  const IntMatrix inputs = test::random_ints(64, 512, 0, 255, rng);
  crossbar::MvmOptions first, second;
  first.read_seed = 1, second.read_seed = 2;
  CHECK(crossbar.run(inputs, first).output == crossbar.run(inputs, second).output);
}

TEST_CASE("crossbar: drift follows G(t) = G(t0) (t / t0)^-nu with the set nu distribution") {
  // t / t0 = 2000 s / 20 s = 100. With std 0 every cell is exactly target x 100^-0.05.
  const auto config = [](const char* nu_std) {
    return one_cell_per_weight({{"noise.drift_time_s", "2000"},
                                {"device.drift_nu_mean", "0.05"},
                                {"device.drift_nu_std", nu_std}});
  };
  const double level1 = 1 / 1.7e6 + (1 / 1e5 - 1 / 1.7e6) / 3;
  const Crossbar fixed(config("0"), IntMatrix::Constant(512, 254, -1));
  const double drifted = level1 * std::pow(100.0, -0.05);
  const auto relative = [&](double g, Eigen::Index) { return g / drifted - 1; };
  CHECK(moments(fixed, data_columns, relative).max_abs <= 1e-12);  // double rounding only
  // With std 0.01, nu = -ln(G / target) / ln 100 per cell has mean 0.05 and sd 0.01 (never
  // clipped at 0: the table's tails end at 4.3 sigma). Standard errors: 0.06% and 0.2%.
  const Crossbar spread(config("0.01"), IntMatrix::Constant(512, 254, -1));
  const auto nu = [&](double g, Eigen::Index) { return -std::log(g / level1) / std::log(100.0); };
  const Moments m = moments(spread, data_columns, nu);
  CHECK(m.mean == Approx(0.05).epsilon(0.03));
  CHECK(m.sd == Approx(0.01).epsilon(0.03));
}

TEST_CASE("crossbar: PCM drift exponents follow aihwkit's level-dependent mu and sigma") {
  // Level 2 (x = 0.67): mu = clip(-0.0155 ln x + 0.0244, 0.049, 0.1) = 0.049 and
  // sigma = clip(-0.0125 ln x - 0.0059, 0.008, 0.045) = 0.008. Level 1 (x = 0.34): mu = 0.049,
  // sigma = clip(0.0076, ...) = 0.008. Both 6 sigma from the clamp at nu = 0. Standard errors of
  // 65,024 cells: mean 0.06%, sd 0.3%.
  const Crossbar crossbar(
      one_cell_per_weight({{"device.preset", "pcm"}, {"noise.drift_time_s", "2000"}}),
      alternating_weights());
  for (int level : {1, 2}) {
    const double target = (0.25 + level * 8.25) * 1e-6, x = target / 25e-6;
    const double mu = std::clamp(-0.0155 * std::log(x) + 0.0244, 0.049, 0.1);
    const double sigma = std::clamp(-0.0125 * std::log(x) - 0.0059, 0.008, 0.045);
    const auto this_level = [&](Eigen::Index cols, Eigen::Index c) {
      return data_columns(cols, c) && (c % 2 ? 1 : 2) == level;
    };
    const Moments m = moments(crossbar, this_level, [&](double g, Eigen::Index) {
      return -std::log(g / target) / std::log(100.0);
    });
    INFO("level " << level);
    CHECK(m.mean == Approx(mu).epsilon(0.03));
    CHECK(m.sd == Approx(sigma).epsilon(0.03));
  }
}

TEST_CASE("crossbar: stuck-at cell fractions are within binomial bounds") {
  // No other noise: a data cell (level 1) reads G_max only if stuck ON, G_min only if stuck OFF.
  // Over n = 130,048 cells the counts are binomial; +-5 sd bounds fail by chance < 1e-6.
  const Crossbar crossbar(
      one_cell_per_weight({{"noise.stuck_on_rate", "0.05"}, {"noise.stuck_off_rate", "0.1"}}),
      IntMatrix::Constant(512, 254, -1));
  const double n = 130048;
  const auto fraction_at = [&](double g_stuck) {
    return moments(crossbar, data_columns,
                   [&](double g, Eigen::Index) { return double(std::fabs(g - g_stuck) < 1e-15); })
        .mean;
  };
  for (auto [g, p] : {std::pair{1 / 1e5, 0.05}, std::pair{1 / 1.7e6, 0.1}}) {
    INFO("stuck at " << g << " S, rate " << p);
    CHECK(std::fabs(fraction_at(g) - p) <= 5 * std::sqrt(p * (1 - p) / n));
  }
}
