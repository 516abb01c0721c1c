// OpenSSL 3's libcrypto (Debian's libssl-dev), for RS256 signing: the EVP key and signing interfaces.
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/err.h>
