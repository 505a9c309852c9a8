#include "core/csv_errors.hpp"

namespace cimsim {

InputError csv_input_error(const std::string& path, const io::error::base& error, const std::string& expected) {
  const auto* line = dynamic_cast<const io::error::with_file_line*>(&error);
  const auto* column = dynamic_cast<const io::error::with_column_name*>(&error);
  const std::string at = path + (line && line->file_line > 0 ? ":" + std::to_string(line->file_line) : "");
  const std::string name = column ? "'" + std::string(column->column_name) + "'" : "";
  if (dynamic_cast<const io::error::too_few_columns*>(&error))
    return InputError(at + ": too few fields, expected " + expected);
  if (dynamic_cast<const io::error::too_many_columns*>(&error))
    return InputError(at + ": too many fields, expected " + expected);
  if (dynamic_cast<const io::error::extra_column_in_header*>(&error))
    return InputError(path + ": header: unknown column " + name + ", expected " + expected);
  if (dynamic_cast<const io::error::duplicated_column_in_header*>(&error))
    return InputError(path + ": header: column " + name + " given twice");
  if (dynamic_cast<const io::error::header_missing*>(&error))
    return InputError(path + ": no header row, expected " + expected);
  if (dynamic_cast<const io::error::line_length_limit_exceeded*>(&error))
    return InputError(at + ": line longer than the limit of 2^24 - 1 characters");
  return InputError(path + ": " + error.what());
}

}  // namespace cimsim
