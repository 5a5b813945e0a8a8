#include "http/api/json_body.h"

#include <simdjson.h>

#include <boost/json.hpp>

#include <string>
#include <utility>

namespace sb::http::api {
namespace {

Response BadRequest(std::string_view code, const std::string& message,
                    std::string_view field = {}) {
  return ErrorResponse(400, code, message, field);
}

}  // namespace

std::variant<JsonBody, Response> JsonBody::Parse(std::string_view body,
                                                 std::initializer_list<std::string_view> allowed) {
  JsonBody out;
  bool blank = true;
  for (char c : body) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') blank = false;
  }
  if (blank) return out;

  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return BadRequest("malformed_json", "body is not JSON");
  simdjson::ondemand::object object;
  if (doc.get_object().get(object)) {
    return BadRequest("malformed_json", "body must be a JSON object");
  }
  for (auto member : object) {
    std::string_view key;
    if (member.unescaped_key().get(key)) return BadRequest("malformed_json", "bad field name");
    bool known = false;
    for (auto name : allowed) known = known || name == key;
    if (!known) return BadRequest("unknown_field", "unknown field '" + std::string(key) + "'", key);
    if (out.fields_.count(key)) {
      return BadRequest("duplicate_field", "field '" + std::string(key) + "' appears twice", key);
    }
    simdjson::ondemand::value value;
    simdjson::ondemand::json_type type;
    if (member.value().get(value) || value.type().get(type)) {
      return BadRequest("malformed_json", "body is not JSON");
    }
    Field field;
    bool failed = false;
    switch (type) {
      case simdjson::ondemand::json_type::string: {
        std::string_view s;
        failed = value.get_string().get(s) != simdjson::SUCCESS;
        field.type = Type::kString;
        field.text = std::string(s);
        break;
      }
      case simdjson::ondemand::json_type::number: {
        std::string_view raw = simdjson::to_json_string(value).value_unsafe();
        field.text = std::string(raw);
        int64_t n = 0;
        simdjson::ondemand::number_type number_type;
        failed = value.get_number_type().get(number_type) != simdjson::SUCCESS;
        if (!failed && number_type == simdjson::ondemand::number_type::signed_integer &&
            value.get_int64().get(n) == simdjson::SUCCESS) {
          field.type = Type::kInteger;
          field.integer = n;
        } else {
          field.type = Type::kNumber;
        }
        break;
      }
      case simdjson::ondemand::json_type::boolean:
        field.type = Type::kBool;
        failed = value.get_bool().get(field.boolean) != simdjson::SUCCESS;
        break;
      case simdjson::ondemand::json_type::null:
        field.type = Type::kNull;
        break;
      case simdjson::ondemand::json_type::object:
      case simdjson::ondemand::json_type::array: {
        field.type = type == simdjson::ondemand::json_type::object ? Type::kObject : Type::kArray;
        std::string_view raw;
        failed = simdjson::to_json_string(value).get(raw) != simdjson::SUCCESS;
        // On-demand parsing skips nested values: check them in full.
        boost::system::error_code ec;
        boost::json::parse(raw, ec);
        failed = failed || ec.failed();
        field.text = std::string(raw);
        break;
      }
    }
    if (failed) return BadRequest("malformed_json", "body is not JSON");
    out.fields_.emplace(std::string(key), std::move(field));
  }
  // Past the object the document must be over: a location there means trailing content.
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
    return BadRequest("malformed_json", "trailing content after the object");
  }
  return out;
}

bool JsonBody::Has(std::string_view name) const {
  auto it = fields_.find(name);
  return it != fields_.end() && it->second.type != Type::kNull;
}

void JsonBody::Fail(int status, std::string_view code, std::string message,
                    std::string_view field) {
  if (!error_) error_ = ErrorResponse(status, code, message, field);
}

const JsonBody::Field* JsonBody::Find(std::string_view name, Type type, const char* type_name,
                                      bool required) {
  if (error_) return nullptr;
  auto it = fields_.find(name);
  if (it == fields_.end() || it->second.type == Type::kNull) {
    if (required) {
      Fail(422, "field_required", std::string(name) + " is required", name);
    }
    return nullptr;
  }
  if (it->second.type != type) {
    Fail(400, "invalid_type", std::string(name) + " must be " + type_name, name);
    return nullptr;
  }
  return &it->second;
}

void JsonBody::String(std::string_view name, std::string* out, bool required) {
  if (auto f = Find(name, Type::kString, "a string", required)) *out = f->text;
}

void JsonBody::Int(std::string_view name, int64_t* out, bool required) {
  if (auto f = Find(name, Type::kInteger, "an integer", required)) *out = f->integer;
}

void JsonBody::Bool(std::string_view name, bool* out, bool required) {
  if (auto f = Find(name, Type::kBool, "true or false", required)) *out = f->boolean;
}

void JsonBody::ObjectText(std::string_view name, std::string* out) {
  if (auto f = Find(name, Type::kObject, "an object", false)) *out = f->text;
}

void JsonBody::IntMap(std::string_view name, std::map<std::string, int>* out) {
  auto f = Find(name, Type::kObject, "an object of integers", false);
  if (!f) return;
  boost::system::error_code ec;
  auto value = boost::json::parse(f->text, ec);
  std::map<std::string, int> map;
  for (const auto& [key, v] : value.as_object()) {
    if (!v.is_int64() || v.as_int64() < INT32_MIN || v.as_int64() > INT32_MAX) {
      return Fail(400, "invalid_type", std::string(name) + " must map names to integers", name);
    }
    map[std::string(key)] = static_cast<int>(v.as_int64());
  }
  *out = std::move(map);
}

void JsonBody::ArrayText(std::string_view name, std::string* out) {
  if (auto f = Find(name, Type::kArray, "an array", false)) *out = f->text;
}

void JsonBody::StringSet(std::string_view name, std::set<std::string>* out) {
  auto f = Find(name, Type::kArray, "an array of strings", false);
  if (!f) return;
  boost::system::error_code ec;
  auto value = boost::json::parse(f->text, ec);
  std::set<std::string> set;
  for (const auto& v : value.as_array()) {
    if (!v.is_string()) {
      return Fail(400, "invalid_type", std::string(name) + " must be an array of strings", name);
    }
    set.emplace(v.as_string());
  }
  *out = std::move(set);
}

void JsonBody::Time(std::string_view name, std::optional<domain::Timestamp>* out) {
  auto f = Find(name, Type::kString, "an RFC 3339 timestamp", false);
  if (!f) return;
  auto t = domain::ParseTimestamp(f->text);
  if (!t.ok()) {
    return Fail(400, "invalid_type", std::string(name) + " must be an RFC 3339 timestamp", name);
  }
  *out = t.value();
}

}  // namespace sb::http::api
