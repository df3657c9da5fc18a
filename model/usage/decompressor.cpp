#include "usage/decompressor.h"
#include "usage/tr.h"

#include <QCoreApplication>

#include <algorithm>

#define ZLIB_CONST
#include <zlib.h>
#include <zstd.h>

namespace billing {

namespace {

// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
// The messages are the reader's: they keep its context.

constexpr qint64 kInputChunk = 256 * 1024;

Error damaged(const char *format, const char *detail)
{
    return Error::badData(
        UsageTr::tr("the %1 data is damaged (%2)").arg(QLatin1String(format), QLatin1String(detail)));
}

Error cutOff(const char *format)
{
    return Error::badData(
        UsageTr::tr("the %1 data ends before its end mark: the file is cut off").arg(QLatin1String(format)));
}

// Both codecs below share one loop: step() turns buffered input into output and says whether the
// stream (all members or frames so far) is complete.
class Codec : public Decompressor
{
public:
    using Decompressor::Decompressor;
    Result<qint64> read(char *to, qint64 max) override
    {
        qint64 produced = 0;
        while (produced == 0) {
            bool atEnd = false;
            if (inputSize() == 0) {
                const Result<bool> more = refill();
                if (!more)
                    return more.error();
                atEnd = !*more;
                if (atEnd && m_complete)
                    return 0;
            }
            const Result<qint64> n = step(to, max);
            if (!n)
                return n.error();
            produced = *n;
            // At the end of the input the codec may still flush what it holds; nothing more is cut off.
            if (atEnd && produced == 0)
                return cutOff(name());
        }
        return produced;
    }

protected:
    virtual Result<qint64> step(char *to, qint64 max) = 0;
    virtual const char *name() const = 0;
    bool m_complete = false;
};

class Gzip final : public Codec
{
public:
    Gzip(QByteArray start, Source source) : Codec(std::move(start), std::move(source))
    {
        m_ok = inflateInit2(&m_z, 16 + MAX_WBITS) == Z_OK; // 16: gzip wrapper
    }
    ~Gzip() override { inflateEnd(&m_z); }

private:
    const char *name() const override { return "gzip"; }
    Result<qint64> step(char *to, qint64 max) override
    {
        if (!m_ok)
            return damaged(name(), "zlib could not start");
        if (m_complete && inputSize() > 0) {
            inflateReset(&m_z); // the next member of a concatenated file
            m_complete = false;
        }
        m_z.next_in = reinterpret_cast<const Bytef *>(input());
        m_z.avail_in = uInt(inputSize());
        m_z.next_out = reinterpret_cast<Bytef *>(to);
        m_z.avail_out = uInt(std::min<qint64>(max, 1 << 30));
        const uInt room = m_z.avail_out;
        const int rc = inflate(&m_z, Z_NO_FLUSH);
        consume(inputSize() - qint64(m_z.avail_in));
        if (rc == Z_STREAM_END)
            m_complete = true;
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
            return damaged(name(), m_z.msg ? m_z.msg : "zlib error");
        return qint64(room - m_z.avail_out);
    }

    z_stream m_z{};
    bool m_ok = false;
};

class Zstd final : public Codec
{
public:
    Zstd(QByteArray start, Source source)
        : Codec(std::move(start), std::move(source)), m_ctx(ZSTD_createDCtx())
    {
    }
    ~Zstd() override { ZSTD_freeDCtx(m_ctx); }

private:
    const char *name() const override { return "Zstandard"; }
    Result<qint64> step(char *to, qint64 max) override
    {
        if (!m_ctx)
            return damaged(name(), "libzstd could not start");
        ZSTD_inBuffer in{input(), size_t(inputSize()), 0};
        ZSTD_outBuffer out{to, size_t(max), 0};
        const size_t rc = ZSTD_decompressStream(m_ctx, &out, &in);
        consume(qint64(in.pos));
        if (ZSTD_isError(rc))
            return damaged(name(), ZSTD_getErrorName(rc));
        m_complete = rc == 0; // 0: a frame ended and nothing is held back
        return qint64(out.pos);
    }

    ZSTD_DCtx *m_ctx;
};

} // namespace

Decompressor::Decompressor(QByteArray start, Source source)
    : m_source(std::move(source)), m_in(std::move(start))
{
}

Decompressor::~Decompressor() = default;

Decompressor::Kind Decompressor::detect(QByteArrayView start)
{
    if (start.startsWith("\x1f\x8b"))
        return Kind::Gzip;
    if (start.startsWith("\x28\xb5\x2f\xfd"))
        return Kind::Zstd;
    return Kind::None;
}

std::unique_ptr<Decompressor> Decompressor::make(Kind kind, QByteArray start, Source source)
{
    switch (kind) {
    case Kind::Gzip:
        return std::make_unique<Gzip>(std::move(start), std::move(source));
    case Kind::Zstd:
        return std::make_unique<Zstd>(std::move(start), std::move(source));
    case Kind::None:
        break;
    }
    return nullptr;
}

Result<bool> Decompressor::refill()
{
    m_in.resize(kInputChunk);
    m_inPos = 0;
    const Result<qint64> n = m_source(m_in.data(), kInputChunk);
    m_in.resize(n ? *n : 0);
    if (!n)
        return n.error();
    return *n > 0;
}

} // namespace billing
