#include "report/json_input.hpp"

#include <cmath>

#include "core/errors.hpp"

namespace cimsim::report {

JsonInput::JsonInput(const nlohmann::json& value, std::string file, std::string path)
    : value_(&value), file_(std::move(file)), path_(std::move(path)) {
  if (!value_->is_object()) throw InputError(file_ + ": " + (path_.empty() ? "the file" : "key '" + path_ + "'") +
                                             " is JSON " + value_->type_name() + ", expected an object");
}

std::string JsonInput::where(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

void JsonInput::wrong_type(const std::string& key, const char* expected) const {
  const nlohmann::json& found = member(key);
  // cimsim's own writers turn a NaN or an infinity into null.
  const std::string hint = found.is_null() ? " (a NaN or infinity in the run that wrote it?)" : "";
  throw InputError(file_ + ": key '" + where(key) + "' is JSON " + found.type_name() + ", expected " + expected + hint);
}

const nlohmann::json& JsonInput::member(const std::string& key) const {
  const auto found = value_->find(key);
  if (found == value_->end()) throw InputError(file_ + ": key '" + where(key) + "' missing");
  return *found;
}

bool JsonInput::has(const std::string& key) const { return value_->contains(key); }

JsonInput JsonInput::object(const std::string& key) const { return {member(key), file_, where(key)}; }

std::vector<JsonInput> JsonInput::array(const std::string& key) const {
  const nlohmann::json& found = member(key);
  if (!found.is_array()) wrong_type(key, "an array");
  std::vector<JsonInput> elements;
  for (std::size_t i = 0; i < found.size(); ++i)
    elements.emplace_back(found[i], file_, where(key) + "[" + std::to_string(i) + "]");
  return elements;
}

double JsonInput::number(const std::string& key) const {
  const nlohmann::json& found = member(key);
  if (!found.is_number()) wrong_type(key, "a number");
  const double value = found.get<double>();
  if (!std::isfinite(value)) throw InputError(file_ + ": key '" + where(key) + "' is not a finite number");
  return value;
}

std::string JsonInput::text(const std::string& key) const {
  const nlohmann::json& found = member(key);
  if (!found.is_string()) wrong_type(key, "a string");
  return found.get<std::string>();
}

std::vector<std::pair<std::string, std::string>> JsonInput::string_members() const {
  std::vector<std::pair<std::string, std::string>> members;
  for (const auto& [key, value] : value_->items()) members.emplace_back(key, text(key));
  return members;
}

}  // namespace cimsim::report
