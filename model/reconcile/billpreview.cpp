#include "reconcile/billpreview.h"
#include "reconcile/billreader.h"
#include "reconcile/tr.h"

#include "engine/context.h"

#include <QCoreApplication>

namespace billing {

namespace {

// The message of the error that stops a read once it has what it needs (never shown).
const QLatin1String kEnough("enough rows");

bool stoppedEarly(const Error &e)
{
    return e.message == kEnough;
}

class SampleSink : public TableSink
{
public:
    SampleSink(SourceSample &out, int maxRows) : m_out(out), m_max(maxRows) {}

    Status begin(const QString &) override { return {}; }
    Result<bool> row(qint64 line, const QStringList &cells) override
    {
        if (!m_header) {
            m_header = true;
            m_out.columns = cells; // as the reader matches a profile's columns: exactly
            return true;
        }
        if (int(m_out.rows.size()) >= m_max)
            return Error::internal(kEnough);
        SourceSample::Row r;
        r.line = line;
        r.cells = cells;
        while (r.cells.size() < m_out.columns.size())
            r.cells << QString();
        m_out.rows.push_back(std::move(r));
        return true;
    }
    Status end() override { return Error::internal(kEnough); } // the first table only
    bool recognized() const override { return m_header; }
    QString notReadReason() const override { return ReconcileTr::tr("the sheet is empty"); }

private:
    SourceSample &m_out;
    int m_max;
    bool m_header = false;
};

// Forwards to the reconciliation's reader until it has recognized a header (or refused every table).
class RecognizeSink : public TableSink
{
public:
    RecognizeSink(const BillFileOptions &o) : m_reader(o, m_lines, m_summary) {}

    Status begin(const QString &name) override { return m_reader.begin(name); }
    Result<bool> row(qint64 line, const QStringList &cells) override
    {
        if (m_reader.recognized()) {
            m_found = true;
            return Error::internal(kEnough);
        }
        auto take = m_reader.row(line, cells);
        if (take && !*take)
            m_refused = true;
        return take;
    }
    Status end() override
    {
        if (m_reader.recognized()) {
            m_found = true;
            return Error::internal(kEnough);
        }
        m_refused = true; // a short table whose header was not found
        return m_reader.end();
    }
    bool recognized() const override { return m_reader.recognized(); }
    QString notReadReason() const override { return m_reader.notReadReason(); }

    bool found() const { return m_found; }
    bool refused() const { return m_refused; }

private:
    LineSink m_lines = [](const BillLineKey &, const LineFigures &) { return Status(); };
    BillFileSummary m_summary;
    billwords::Reader m_reader;
    bool m_found = false;
    bool m_refused = false;
};

} // namespace

BillFileOptions billOptionsOf(const Context &ctx)
{
    BillFileOptions o;
    o.catalog = &ctx.catalog;
    o.accountName = ctx.account.name;
    o.currency = ctx.account.currency;
    o.calendar = ctx.calendar;
    return o;
}

Result<SourceSample> sampleBillFile(const QString &path, int maxRows)
{
    SourceSample sample;
    sample.format = SourceRows::Format::Csv;
    SampleSink sink(sample, maxRows);
    if (Status s = readTables(path, sink); !s && !stoppedEarly(s.error()))
        return s.error();
    if (sample.columns.isEmpty())
        return Error::badData(ReconcileTr::tr("%1: the file is empty").arg(path));
    return sample;
}

Result<std::vector<BillPreviewRow>> previewBillRows(const SourceSample &sample,
                                                    const BillFileOptions &options, const QString &table)
{
    std::vector<BillPreviewRow> out;
    BillPreviewRow *current = nullptr;
    const LineSink lines = [&current](const BillLineKey &key, const LineFigures &f) {
        current->key = key;
        current->figures = f;
        return Status();
    };
    BillFileSummary summary;
    billwords::Reader reader(options, lines, summary);
    if (Status s = reader.begin(table); !s)
        return s.error();
    auto header = reader.row(1, sample.columns);
    if (!header)
        return header.error();
    if (!reader.recognized())
        return Error::badData(reader.notReadReason());
    out.reserve(sample.rows.size());
    for (const SourceSample::Row &r : sample.rows) {
        out.push_back({});
        current = &out.back();
        current->line = r.line;
        const size_t ignoredBefore = summary.ignored.size();
        auto read = reader.row(r.line, r.cells);
        if (!read)
            current->problem = read.error().message;
        else if (summary.ignored.size() > ignoredBefore)
            current->ignored = summary.ignored.back().reason;
    }
    return out;
}

Result<bool> billLayoutRecognized(const QString &path, const BillFileOptions &options)
{
    BillFileOptions o = options;
    o.profile.reset();
    RecognizeSink sink(o);
    Status s = readTables(path, sink);
    if (sink.found())
        return true;
    if (!s && !sink.refused())
        return s.error();
    return false;
}

QString suggestedBillField(const QString &header)
{
    using billwords::F;
    const auto &known = billwords::providerHeaders();
    const auto it = known.find(billwords::norm(header));
    if (it == known.end())
        return {};
    switch (*it) {
    case F::Cycle:
        return QStringLiteral("billing_cycle");
    case F::Time:
        return QStringLiteral("expenditure_time");
    case F::Account:
        return QStringLiteral("account");
    case F::Service:
    case F::ServiceCode:
        return QStringLiteral("service");
    case F::Product:
    case F::Spec:
    case F::Resource:
    case F::ResourceCode:
        return QStringLiteral("api");
    case F::Region:
        return QStringLiteral("region");
    case F::Mode:
        return QStringLiteral("mode");
    case F::BillType:
        return QStringLiteral("bill_type");
    case F::Project:
        return QStringLiteral("project");
    case F::Usage:
        return QStringLiteral("calls");
    case F::ListPrice:
        return QStringLiteral("fee");
    case F::Truncated:
        return QStringLiteral("rounded_off");
    case F::Due:
        return QStringLiteral("charged");
    case F::Currency:
        return QStringLiteral("currency");
    default:
        return {};
    }
}

} // namespace billing
