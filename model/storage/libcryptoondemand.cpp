// libcrypto on demand (core/ondemand.h): OpenSSL's SHA-256 for the row seals (storage/rowseal.cpp),
// forwarded to the library loaded at the first sealed row. Linked, its ~21 000 relocations were part of
// every command's start, a read-only one included.

#include "core/ondemand.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#pragma GCC visibility push(hidden)
#include <openssl/evp.h>
#pragma GCC visibility pop

#define LIBCRYPTO "libcrypto.so.3"

extern "C" {

int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s)
{
    BILLING_ONDEMAND_CALL(LIBCRYPTO, EVP_DigestFinal_ex, ctx, md, s);
}

int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl)
{
    BILLING_ONDEMAND_CALL(LIBCRYPTO, EVP_DigestInit_ex, ctx, type, impl);
}

int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt)
{
    BILLING_ONDEMAND_CALL(LIBCRYPTO, EVP_DigestUpdate, ctx, d, cnt);
}

int EVP_MD_CTX_copy_ex(EVP_MD_CTX *out, const EVP_MD_CTX *in)
{
    BILLING_ONDEMAND_CALL(LIBCRYPTO, EVP_MD_CTX_copy_ex, out, in);
}

void EVP_MD_CTX_free(EVP_MD_CTX *ctx)
{
    BILLING_ONDEMAND_CALL(LIBCRYPTO, EVP_MD_CTX_free, ctx);
}

EVP_MD_CTX *EVP_MD_CTX_new(void)
{
    BILLING_ONDEMAND_CALL(LIBCRYPTO, EVP_MD_CTX_new);
}

const EVP_MD *EVP_sha256(void)
{
    BILLING_ONDEMAND_CALL(LIBCRYPTO, EVP_sha256);
}

} // extern "C"
