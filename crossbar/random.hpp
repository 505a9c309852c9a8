// Private to crossbar/: counter-based randomness. Every draw is a pure function of (seed, stream,
// three indices), so results never depend on the order of evaluation or on the thread count.
#pragma once

#include <cstdint>

namespace cimsim::crossbar::detail {

// Independent streams, one per kind of draw.
enum class Stream : std::uint64_t {
  programming = 1,
  drift = 2,
  stuck = 3,
  read = 4,
  calibration = 5,
  read_at_inference = 6
};

// SplitMix64's finalizer (Steele, Lea, Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014): a bijective 64-bit mix with full avalanche.
inline std::uint64_t mix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// hash(seed, stream, a, b, c) = mix64(prefix(seed, stream, a, b) ^ c): a loop over c computes the
// prefix once.
inline std::uint64_t hash_prefix(std::uint64_t seed, Stream stream, std::uint64_t a,
                                 std::uint64_t b) {
  const std::uint64_t h = mix64(seed ^ (static_cast<std::uint64_t>(stream) << 56));
  return mix64(mix64(h ^ a) ^ b);
}

inline std::uint64_t hash(std::uint64_t seed, Stream stream, std::uint64_t a, std::uint64_t b,
                          std::uint64_t c) {
  return mix64(hash_prefix(seed, stream, a, b) ^ c);
}

// Uniform in [0, 1) from the top 53 bits.
inline double uniform01(std::uint64_t bits) { return double(bits >> 11) * 0x1.0p-53; }

// The 2^16 equiprobable standard-normal quantiles Phi^-1((k + 1/2) / 2^16), rescaled to unit
// variance (tails end at 4.2 sigma).
const float* normal_table();

// A standard normal draw from 16 random bits (a hash yields four).
inline float normal_from_bits(std::uint64_t bits16, const float* table) {
  return table[bits16 & 0xFFFF];
}

}  // namespace cimsim::crossbar::detail
