// JsonBody: a request body read strictly with simdjson (on-demand). The body must be one JSON
// object (an empty body reads as {}); fields not in the route's list, repeated fields and
// fields of the wrong JSON type are 400s naming the field; a required field that is missing is
// a 422. The first problem wins and later reads do nothing.
#ifndef SWITCHBOARD_HTTP_API_JSON_BODY_H_
#define SWITCHBOARD_HTTP_API_JSON_BODY_H_

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "domain/time.h"
#include "http/response.h"

namespace sb::http::api {

class JsonBody {
 public:
  enum class Type { kString, kInteger, kNumber, kBool, kNull, kObject, kArray };
  struct Field {
    Type type = Type::kNull;
    std::string text;  // the string's value, or the raw JSON of an object/array/number
    int64_t integer = 0;
    bool boolean = false;
  };

  // A body, or the 400 that refuses it.
  static std::variant<JsonBody, Response> Parse(std::string_view body,
                                                std::initializer_list<std::string_view> allowed);

  bool Has(std::string_view name) const;

  // Each read leaves `out` untouched when the field is absent or null (and not required).
  void String(std::string_view name, std::string* out, bool required = false);
  void Int(std::string_view name, int64_t* out, bool required = false);
  void Bool(std::string_view name, bool* out, bool required = false);
  // An object kept as its JSON text.
  void ObjectText(std::string_view name, std::string* out);
  // An object of string -> integer (e.g. skills).
  void IntMap(std::string_view name, std::map<std::string, int>* out);
  // An array kept as its JSON text.
  void ArrayText(std::string_view name, std::string* out);
  // An array of strings (e.g. required skills); repeats collapse.
  void StringSet(std::string_view name, std::set<std::string>* out);
  // An RFC 3339 instant; a string that is not one is 400 invalid_type.
  void Time(std::string_view name, std::optional<domain::Timestamp>* out);

  // The first problem, as the response to send.
  const std::optional<Response>& error() const { return error_; }

 private:
  const Field* Find(std::string_view name, Type type, const char* type_name, bool required);
  void Fail(int status, std::string_view code, std::string message, std::string_view field);

  std::map<std::string, Field, std::less<>> fields_;
  std::optional<Response> error_;
};

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_JSON_BODY_H_
