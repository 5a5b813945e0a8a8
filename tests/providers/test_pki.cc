#include "tests/providers/test_pki.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace sb::testing {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test pki: ") + what);
}

Key NewRsaKey(int bits) {
  Key key(EVP_RSA_gen(static_cast<unsigned>(bits)), &EVP_PKEY_free);
  Check(key != nullptr, "EVP_RSA_gen");
  return key;
}

template <class Write>
std::string ToPem(Write write) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  Check(bio && write(bio.get()), "PEM write");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

void AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  Check(ext != nullptr, "X509V3_EXT_conf_nid");
  Check(X509_add_ext(cert, ext, -1) == 1, "X509_add_ext");
  X509_EXTENSION_free(ext);
}

Cert NewCert(EVP_PKEY* subject_key, const char* common_name, long serial) {
  Cert cert(X509_new(), &X509_free);
  Check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), subject_key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  return cert;
}

}  // namespace

RsaKeyPair MakeRsaKeyPair(int bits) {
  Key key = NewRsaKey(bits);
  RsaKeyPair pair;
  pair.private_pem = ToPem([&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
  pair.public_pem = ToPem([&](BIO* b) { return PEM_write_bio_PUBKEY(b, key.get()) == 1; });
  return pair;
}

TestPki MakeTestPki(const std::string& ip) {
  Key ca_key = NewRsaKey(2048);
  Cert ca = NewCert(ca_key.get(), "switchboard test CA", 1);
  X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));
  AddExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  AddExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  Check(X509_sign(ca.get(), ca_key.get(), EVP_sha256()) > 0, "sign CA");

  Key server_key = NewRsaKey(2048);
  Cert server = NewCert(server_key.get(), ip.c_str(), 2);
  X509_set_issuer_name(server.get(), X509_get_subject_name(ca.get()));
  AddExtension(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  AddExtension(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
  AddExtension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  AddExtension(server.get(), ca.get(), NID_subject_alt_name, ("IP:" + ip).c_str());
  AddExtension(server.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
  Check(X509_sign(server.get(), ca_key.get(), EVP_sha256()) > 0, "sign server");

  TestPki pki;
  pki.ca_cert_pem = ToPem([&](BIO* b) { return PEM_write_bio_X509(b, ca.get()) == 1; });
  pki.server_cert_pem = ToPem([&](BIO* b) { return PEM_write_bio_X509(b, server.get()) == 1; });
  pki.server_key_pem = ToPem([&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, server_key.get(), nullptr, nullptr, 0, nullptr, nullptr) ==
           1;
  });
  return pki;
}

}  // namespace sb::testing
