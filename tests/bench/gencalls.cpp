// Deterministic generator of a month of call records (docs/performance.md "Data"): 10 APIs × 3 regions ×
// 4 enterprise projects, about 95 % status 200 and the rest 400/401/429/500, timestamps sorted, with daily
// and weekly seasonality. Writes millions of lines a second: numbers are formatted by hand into one buffer.
//
//   bench_gencalls --lines 2000000 --month 2026-10 [--seed 1] [--offset +08:00] [--count 1] --out calls.csv
//
// The same arguments always give the same bytes. --count N writes N in every line's count column (the
// number of calls the line stands for): N times the calls of the same lines, which is how scripts/bench.sh
// --scale can build a year at N times the volume of calls without N times the lines (BENCH_YEAR=count).

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QStringList>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr std::array<const char *, 10> kApis = {"general-text", "general-table", "web-image", "handwriting",
                                                "id-card",      "passport",      "bank-card", "license-plate",
                                                "vat-invoice",  "train-ticket"};
constexpr std::array<const char *, 3> kRegions = {"cn-north-4", "cn-east-3", "ap-southeast-1"};
constexpr std::array<const char *, 4> kProjects = {"default", "mobile-app", "back-office", "partner-api"};

// splitmix64: tiny, fast, and the same on every platform.
struct Rng
{
    quint64 s;
    quint64 next()
    {
        quint64 z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    unsigned below(unsigned n) { return unsigned((next() >> 32) * n >> 32); }
};

// Relative traffic of an hour: office hours peak, nights are quiet, weekends carry about 40 %.
double hourWeight(int dayOfWeek, int hour)
{
    const double daily = 0.25 + std::exp(-0.5 * std::pow((hour - 14.0) / 3.5, 2.0));
    const double weekly = dayOfWeek >= 6 ? 0.4 : 1.0;
    return daily * weekly;
}

char *put2(char *p, int v)
{
    p[0] = char('0' + v / 10);
    p[1] = char('0' + v % 10);
    return p + 2;
}

char *putUInt(char *p, quint64 v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = char('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

char *putStr(char *p, const char *s)
{
    const size_t n = std::strlen(s);
    std::memcpy(p, s, n);
    return p + n;
}

int usage()
{
    std::fprintf(
        stderr,
        "usage: bench_gencalls --lines N --month YYYY-MM [--seed S] [--offset +HH:MM] [--count N] --out "
        "FILE\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 lines = 2'000'000;
    quint64 seed = 1;
    quint64 count = 1;
    QString month = QStringLiteral("2026-10");
    QString offset = QStringLiteral("+08:00");
    QString out;
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        if (i + 1 >= args.size())
            return usage();
        const QString v = args[++i];
        bool ok = true;
        if (a == QLatin1String("--lines"))
            lines = v.toLongLong(&ok);
        else if (a == QLatin1String("--seed"))
            seed = v.toULongLong(&ok);
        else if (a == QLatin1String("--count"))
            count = v.toULongLong(&ok);
        else if (a == QLatin1String("--month"))
            month = v;
        else if (a == QLatin1String("--offset"))
            offset = v;
        else if (a == QLatin1String("--out"))
            out = v;
        else
            return usage();
        if (!ok)
            return usage();
    }
    const QDate first = QDate::fromString(month + QLatin1String("-01"), QStringLiteral("yyyy-MM-dd"));
    if (!first.isValid() || lines <= 0 || count == 0 || out.isEmpty() || offset.size() != 6)
        return usage();

    // Lines per hour in proportion to the weights; the rounding carry keeps the total exact.
    const int hours = first.daysInMonth() * 24;
    std::vector<double> weight(static_cast<size_t>(hours));
    double total = 0;
    for (int h = 0; h < hours; ++h)
        total += weight[size_t(h)] = hourWeight(first.addDays(h / 24).dayOfWeek(), h % 24);
    std::vector<qint64> perHour(static_cast<size_t>(hours));
    double carry = 0;
    qint64 given = 0;
    for (int h = 0; h < hours; ++h) {
        const double exact = double(lines) * weight[size_t(h)] / total + carry;
        perHour[size_t(h)] = h + 1 == hours ? lines - given : qint64(exact);
        carry = exact - double(perHour[size_t(h)]);
        given += perHour[size_t(h)];
    }

    QFile file(out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "bench_gencalls: cannot write %s: %s\n", qPrintable(out),
                     qPrintable(file.errorString()));
        return 1;
    }
    const QByteArray offsetBytes = offset.toLatin1();
    std::vector<char> buf(size_t(1) << 22);
    char *p = buf.data();
    auto flush = [&]() -> bool {
        const qint64 n = p - buf.data();
        p = buf.data();
        return file.write(buf.data(), n) == n;
    };
    p = putStr(p, "timestamp,api,region,status,enterprise_project,request_id,count\n");

    Rng rng{seed};
    quint64 requestId = 0;
    constexpr std::array<int, 4> kErrors = {400, 401, 429, 500};
    for (int h = 0; h < hours; ++h) {
        const QDate day = first.addDays(h / 24);
        char stamp[32]; // "YYYY-MM-DDTHH:" ... filled per line with MM:SS
        char *s = putUInt(stamp, quint64(day.year()));
        *s++ = '-';
        s = put2(s, day.month());
        *s++ = '-';
        s = put2(s, day.day());
        *s++ = 'T';
        s = put2(s, h % 24);
        *s++ = ':';
        const size_t stampLen = size_t(s - stamp);
        const qint64 n = perHour[size_t(h)];
        for (qint64 i = 0; i < n; ++i) {
            if (buf.data() + buf.size() - p < 256 && !flush())
                return 1;
            const int second = int(i * 3600 / n); // sorted within the hour
            std::memcpy(p, stamp, stampLen);
            p += stampLen;
            p = put2(p, second / 60);
            *p++ = ':';
            p = put2(p, second % 60);
            std::memcpy(p, offsetBytes.constData(), 6);
            p += 6;
            *p++ = ',';
            // Popular APIs first: a skewed pick makes a realistic composition.
            const unsigned r = rng.below(100);
            const unsigned api = r < 40 ? 0 : r < 55 ? 1 : r < 65 ? 4 : 2 + r % 8;
            p = putStr(p, kApis[api]);
            *p++ = ',';
            p = putStr(p, kRegions[rng.below(10) < 6 ? 0 : 1 + rng.below(2)]);
            *p++ = ',';
            const unsigned st = rng.below(1000);
            p = putUInt(p, st < 950 ? 200 : quint64(kErrors[st % 4]));
            *p++ = ',';
            p = putStr(p, kProjects[rng.below(4)]);
            p = putStr(p, ",req-");
            p = putUInt(p, ++requestId);
            *p++ = ',';
            p = putUInt(p, count);
            *p++ = '\n';
        }
    }
    if (!flush() || !file.flush()) {
        std::fprintf(stderr, "bench_gencalls: cannot write %s: %s\n", qPrintable(out),
                     qPrintable(file.errorString()));
        return 1;
    }
    return 0;
}
