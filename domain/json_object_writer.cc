#include "domain/json_object_writer.h"

#include <cassert>
#include <cctype>
#include <charconv>

namespace sb::domain::json {
namespace {

// Keys are our own field names, written as they are: nothing in them needs escaping.
bool IsPlainKey(std::string_view key) {
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return !key.empty();
}

}  // namespace

void ObjectWriter::Key(std::string_view key) {
  assert(IsPlainKey(key));
  if (out_.size() > 1) out_.push_back(',');
  out_.push_back('"');
  out_.append(key);
  out_.append("\":", 2);
}

// Escaping is Boost.JSON's (RFC 8259 section 7): the design allows no hand-rolled escaping.
// The serializer writes straight into the document; the room given is enough for the worst
// case (every byte a six-character \u escape, and the quotes), so one pass finishes.
void ObjectWriter::Quoted(std::string_view text) {
  escaper_.reset(boost::json::string_view(text.data(), text.size()));
  size_t end = out_.size();
  while (!escaper_.done()) {
    const size_t room = 6 * text.size() + 2;
    out_.resize(end + room);
    end += escaper_.read(out_.data() + end, room).size();
  }
  out_.resize(end);
}

ObjectWriter& ObjectWriter::Bool(std::string_view key, bool value) {
  Key(key);
  out_.append(value ? "true" : "false");
  return *this;
}

ObjectWriter& ObjectWriter::Int(std::string_view key, int64_t value) {
  Key(key);
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
  return *this;
}

ObjectWriter& ObjectWriter::String(std::string_view key, std::string_view value) {
  Key(key);
  Quoted(value);
  return *this;
}

ObjectWriter& ObjectWriter::Null(std::string_view key) {
  Key(key);
  out_.append("null");
  return *this;
}

ObjectWriter& ObjectWriter::OptionalString(std::string_view key, const std::string& value) {
  return value.empty() ? Null(key) : String(key, value);
}

ObjectWriter& ObjectWriter::Time(std::string_view key, Timestamp value) {
  return String(key, FormatTimestamp(value));
}

ObjectWriter& ObjectWriter::Time(std::string_view key, const std::optional<Timestamp>& value) {
  return value ? Time(key, *value) : Null(key);
}

ObjectWriter& ObjectWriter::Raw(std::string_view key, std::string_view json) {
  Key(key);
  out_.append(json);
  return *this;
}

std::string ObjectWriter::Finish() && {
  out_.push_back('}');
  return std::move(out_);
}

}  // namespace sb::domain::json
