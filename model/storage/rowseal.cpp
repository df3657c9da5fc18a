#include "storage/rowseal.h"

#include <QVariant>

#include <openssl/evp.h>

#include <new>

#include <charconv>

namespace billing {

namespace {
constexpr size_t kBlock = 64 * 1024;

void appendNumber(std::string &to, qint64 v)
{
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    to.append(buf, size_t(end - buf));
}

// A fresh SHA-256; only a failed allocation can fail here, and std::bad_alloc is what the rest of the
// program meets then. The caller owns the context.
evp_md_ctx_st *newSha256()
{
    evp_md_ctx_st *c = EVP_MD_CTX_new();
    if (!c || EVP_DigestInit_ex(c, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(c);
        throw std::bad_alloc();
    }
    return c;
}
} // namespace

void RowDigest::CtxFree::operator()(evp_md_ctx_st *c) const
{
    EVP_MD_CTX_free(c);
}

// The running hash is made at the first full block: until then every row is still in m_row, and a
// command that writes no sealed row (every read-only one) never starts OpenSSL, nor loads it
// (storage/libcryptoondemand.cpp; issue #17, P2c).
RowDigest::RowDigest() = default;

RowDigest::~RowDigest() = default;

QByteArray RowDigest::hexResult() const
{
    // A copy finishes the hash, so that the running one can go on.
    std::unique_ptr<evp_md_ctx_st, CtxFree> copy(m_ctx ? EVP_MD_CTX_new() : newSha256());
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!copy || (m_ctx && EVP_MD_CTX_copy_ex(copy.get(), m_ctx.get()) != 1) ||
        EVP_DigestUpdate(copy.get(), m_row.data(), m_rowStart) != 1 ||
        EVP_DigestFinal_ex(copy.get(), out, &len) != 1)
        throw std::bad_alloc();
    return QByteArray(reinterpret_cast<const char *>(out), int(len)).toHex();
}

void RowDigest::addInt(qint64 v)
{
    m_row += 'i';
    appendNumber(m_row, v);
    m_row += ';';
}

void RowDigest::addText(QStringView v)
{
    m_row += 't';
    // Ids and names are short ASCII: copied as they are, without a UTF-8 conversion per value.
    bool plain = true;
    for (QChar c : v)
        plain = plain && c.unicode() < 0x80;
    if (plain) {
        appendNumber(m_row, v.size());
        m_row += ':';
        for (QChar c : v)
            m_row += char(c.unicode());
        return;
    }
    const QByteArray utf8 = v.toUtf8();
    appendNumber(m_row, utf8.size());
    m_row += ':';
    m_row.append(utf8.constData(), size_t(utf8.size()));
}

void RowDigest::addNull()
{
    m_row += 'n';
}

void RowDigest::addValue(const QVariant &v)
{
    if (v.isNull())
        return addNull();
    switch (v.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return addInt(v.toLongLong());
    case QMetaType::QString:
        return addText(v.toString());
    default: // a real or a blob where the program writes neither: the value was changed
        m_row += 'x';
        m_row += v.toString().toStdString();
        m_row += ';';
    }
}

void RowDigest::endRow(qint64 id)
{
    if (id != 0)
        addInt(id);
    m_row += '\n';
    if (m_row.size() >= kBlock) {
        if (!m_ctx)
            m_ctx.reset(newSha256());
        EVP_DigestUpdate(m_ctx.get(), m_row.data(), m_row.size());
        m_row.clear(); // std::string keeps its capacity
    }
    m_rowStart = m_row.size();
    ++m_rows;
    m_lastId = std::max(m_lastId, id);
}

void RowDigest::dropRow()
{
    m_row.resize(m_rowStart);
}

void RowDigest::reset()
{
    if (m_ctx) // otherwise the first full block starts a fresh hash
        EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
    m_row.clear();
    m_rowStart = 0;
    m_rows = 0;
    m_lastId = 0;
}

} // namespace billing
