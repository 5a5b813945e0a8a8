// The API's view of a provider: seed 001's fields, secrets masked (they are write-only).
#ifndef SWITCHBOARD_HTTP_API_PROVIDER_VIEWS_H_
#define SWITCHBOARD_HTTP_API_PROVIDER_VIEWS_H_

#include <string>

#include <boost/json/object.hpp>

#include "domain/provider_state.h"

namespace sb::http::api {

// What a read shows in place of a secret that is set (an unset one reads as null).
inline constexpr const char* kMaskedSecret = "********";

boost::json::object ProviderView(const std::string& id, uint64_t version,
                                 const domain::ProviderState& state);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_PROVIDER_VIEWS_H_
