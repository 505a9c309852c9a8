// A report's JSON input read through checks: every key a section reads must be there with its
// type, else the report stops with an InputError naming the file and the key
// (`run.json: key 'layers[0].energy_j' missing`) before any output is written. No section indexes
// nlohmann::json itself, so a missing key can neither read 0 nor reach const operator[] (which
// is undefined behaviour on a missing key).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace cimsim::report {

class JsonInput {
 public:
  // `file` names the input in messages; `path` is this node's key path from the root.
  JsonInput(const nlohmann::json& value, std::string file, std::string path = "");

  bool has(const std::string& key) const;
  JsonInput object(const std::string& key) const;   // a member that is an object
  std::vector<JsonInput> array(const std::string& key) const;  // a member that is an array
  double number(const std::string& key) const;      // a finite number (a NaN cimsim wrote is null)
  std::string text(const std::string& key) const;   // a string
  std::vector<std::pair<std::string, std::string>> string_members() const;  // an object of strings
  // For the rare key of two types: the raw member (throws when missing), and the error to throw
  // when it has neither.
  const nlohmann::json& member(const std::string& key) const;
  [[noreturn]] void wrong_type(const std::string& key, const char* expected) const;

 private:
  std::string where(const std::string& key) const;

  const nlohmann::json* value_;
  std::string file_, path_;
};

}  // namespace cimsim::report
