#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <memory>

namespace billing {

// Decompresses a gzip (zlib) or Zstandard (libzstd) stream as the call-record reader reads it, so that
// people can import the .gz and .zst logs their gateways rotate without unpacking them first. Concatenated
// members and frames are read one after another, as gzip -d and zstd -d do.
class Decompressor
{
public:
    enum class Kind { None, Gzip, Zstd };
    // Reads up to max compressed bytes into to; 0 at the end of the input.
    using Source = std::function<Result<qint64>(char *to, qint64 max)>;

    // The kind a stream is, from its first bytes (gzip: 1f 8b; Zstandard: 28 b5 2f fd).
    static Kind detect(QByteArrayView start);
    // A decompressor of kind (not None) whose input starts with the bytes already read, then source.
    static std::unique_ptr<Decompressor> make(Kind kind, QByteArray start, Source source);
    virtual ~Decompressor();

    // Up to max decompressed bytes into to; 0 at the end. A damaged or cut-off stream is BadData.
    virtual Result<qint64> read(char *to, qint64 max) = 0;

protected:
    Decompressor(QByteArray start, Source source);
    // Makes sure compressed input is buffered; false at the end of the input.
    Result<bool> refill();
    const char *input() const { return m_in.constData() + m_inPos; }
    qint64 inputSize() const { return m_in.size() - m_inPos; }
    void consume(qint64 n) { m_inPos += n; }

private:
    Source m_source;
    QByteArray m_in;
    qint64 m_inPos = 0;
};

} // namespace billing
