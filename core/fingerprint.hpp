// A short, stable fingerprint of texts: FNV-1a 64, written as 16 hex digits. It tells apart inputs
// that changed (a resumed sweep, merged shards); it is not meant to resist forgery.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cimsim {

class Fingerprint {
 public:
  // Adds `text` and its length, so that the texts "ab" + "c" and "a" + "bc" differ.
  Fingerprint& add(std::string_view text);
  std::string hex() const;

 private:
  void add_bytes(std::string_view bytes);
  std::uint64_t hash_ = 14695981039346656037ull;
};

}  // namespace cimsim
