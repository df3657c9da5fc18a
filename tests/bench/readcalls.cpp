// In-process figure for P1's parsing share: streams a call-record file through CallRecordReader.
//   bench_readcalls FILE
#include "catalog/catalog.h"
#include "usage/callrecordreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_readcalls FILE\n");
        return 2;
    }
    auto catalog = billing::Catalog::builtIn();
    QFile f(QString::fromLocal8Bit(argv[1]));
    if (!catalog || !f.open(QIODevice::ReadOnly))
        return 1;
    QElapsedTimer t;
    t.start();
    billing::CallRecordReader reader(f, *catalog);
    billing::CallRecord rec;
    qint64 n = 0, calls = 0;
    for (;;) {
        auto more = reader.next(rec);
        if (!more) {
            std::fprintf(stderr, "%s\n", qPrintable(more.error().message));
            return 1;
        }
        if (!*more)
            break;
        ++n;
        calls += rec.count;
    }
    const double s = double(t.nsecsElapsed()) / 1e9;
    std::printf("%lld records, %lld calls, %.3f s, %.0f MB/s, hash %s\n", n, calls, s,
                double(reader.bytesRead()) / s / 1e6, reader.contentHash().constData());
    return 0;
}
