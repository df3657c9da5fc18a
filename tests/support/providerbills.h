#pragma once

// A fixture generator for reconciliation tests (provider-bills.md §1): the provider's transaction bill of
// an account, written from the account's own records (billingctl transactions --json) in the documented
// layouts: English or Chinese headers, CSV (with a BOM, quoted fields, thousands separators), split CSV
// parts in a ZIP, and XLSX (libxlsxwriter) with a title row above the header.
#include "catalog/catalog.h"
#include "money/money.h"
#include "time/billingcalendar.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

#include <vector>

#include <xlsxwriter.h>
#include <zip.h>

namespace billing::test {

struct ProviderRow
{
    QString month;
    Instant time = 0;
    QString api;
    QString region;
    QString mode; // "pay-per-use" / "package"
    QString type; // usage, purchase, renewal, refund
    QString project;
    qint64 calls = 0;
    Money fee;
    Money charged;
    Money roundedOff;
    QString service = QStringLiteral("hws.service.type.ocr");
    QString product; // set: another service's product name
    qint64 id = 0;
};

inline Money amountOf(const QJsonValue &v)
{
    return *Money::parse(v.toString());
}

// The charges (usage, purchases, renewals, refunds) of transactions --json as provider rows.
inline std::vector<ProviderRow> providerRows(const QJsonArray &transactions)
{
    std::vector<ProviderRow> out;
    for (const QJsonValue &v : transactions) {
        const QJsonObject o = v.toObject();
        const QString type = o.value("type").toString();
        if (type != "usage" && type != "purchase" && type != "renewal" && type != "refund")
            continue;
        ProviderRow r;
        r.month = o.value("bill_month").toString();
        r.time = *BillingCalendar::parseTimestamp(o.value("expenditure_time").toString());
        r.api = o.value("api").toString();
        r.region = o.value("region").toString();
        r.mode = o.value("mode").toString();
        r.type = type;
        r.project = o.value("project").toString();
        r.calls = o.value("calls").toInteger();
        r.fee = amountOf(o.value("fee"));
        r.charged = amountOf(o.value("charged"));
        r.roundedOff = amountOf(o.value("rounded_off"));
        r.id = o.value("id").toInteger();
        out.push_back(r);
    }
    return out;
}

enum class Language { English, Chinese };

class ProviderBillWriter
{
public:
    ProviderBillWriter(const Catalog &catalog, QString account, Language language)
        : m_catalog(catalog), m_account(std::move(account)), m_language(language)
    {
    }

    QStringList header() const
    {
        if (m_language == Language::English)
            return {"Billing Cycle",
                    "Account Name",
                    "Service Type Code",
                    "Product",
                    "Region",
                    "Billing Mode",
                    "Bill Type",
                    "Expenditure Time",
                    "Transaction ID",
                    "Enterprise Project",
                    "Usage",
                    "Usage Unit",
                    "List Price",
                    "Truncated Amount",
                    "Amount Due"};
        return {"账期",     "账号",       "产品类型编码", "产品",       "云服务区",
                "计费模式", "账单类型",   "消费时间",     "消费流水号", "企业项目",
                "使用量",   "使用量单位", "官网价",       "抹零金额",   "应付金额"};
    }

    QStringList cells(const ProviderRow &r) const
    {
        const bool en = m_language == Language::English;
        const ApiInfo *api = m_catalog.api(r.api);
        const RegionInfo *region = m_catalog.region(r.region);
        const QString product = !r.product.isEmpty() ? r.product
                                : en                 ? api->providerNames.value(0)
                                                     : api->providerNames.value(2);
        const QString regionName = en ? region->name : region->providerNames.value(0);
        QString mode =
            r.mode == "package" ? (en ? "Yearly/Monthly" : "包年/包月") : (en ? "Pay-per-use" : "按需");
        static const QMap<QString, QStringList> types{{"usage", {"Usage", "消费-使用"}},
                                                      {"purchase", {"Purchase", "消费-新购"}},
                                                      {"renewal", {"Renewal", "消费-续订"}},
                                                      {"refund", {"Refund", "退款"}}};
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(r.time / 1000, QTimeZone(8 * 3600));
        const QString time =
            en ? t.toString("yyyy-MM-dd HH:mm:ss") + " GMT+08:00" : t.toString("yyyy/MM/dd HH:mm");
        // Refunds as the provider shows them: positive amounts of the bill type "refund".
        const bool refund = r.type == "refund";
        auto amount = [&](Money m, int decimals) {
            if (refund && m.isNegative())
                m = -m;
            return en && (m.units() >= 1000 * Money::Scale)
                       ? m.toDisplayString(QLocale(QLocale::English), decimals)
                       : m.toString(decimals);
        };
        return {r.month,
                m_account,
                r.service,
                product,
                regionName,
                mode,
                types.value(r.type).value(en ? 0 : 1),
                time,
                QString::number(r.id),
                r.project,
                QString::number(r.calls),
                en ? "Calls" : "次",
                amount(r.fee, 8),
                amount(r.roundedOff, 8),
                amount(r.charged, 2)};
    }

    static QString csvField(QString f, bool alwaysQuote)
    {
        if (alwaysQuote || f.contains(',') || f.contains('"'))
            return '"' + f.replace("\"", "\"\"") + '"';
        return f;
    }

    QByteArray csv(const std::vector<ProviderRow> &rows, size_t from, size_t to, bool bom) const
    {
        QString text = header().join(',') + "\r\n";
        for (size_t i = from; i < to && i < rows.size(); ++i) {
            QStringList c = cells(rows[i]);
            for (int k = 0; k < c.size(); ++k)
                c[k] = csvField(c[k], k == 3); // the product always quoted
            text += c.join(',') + "\r\n";
        }
        QByteArray out = text.toUtf8();
        return bom ? "\xEF\xBB\xBF" + out : out;
    }

    bool writeCsv(const std::vector<ProviderRow> &rows, const QString &path) const
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(csv(rows, 0, rows.size(), true)) > 0;
    }

    // The rows split into `parts` CSV files inside one ZIP archive.
    bool writeZip(const std::vector<ProviderRow> &rows, const QString &path, int parts) const
    {
        int err = 0;
        zip_t *z = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &err);
        if (!z)
            return false;
        std::vector<QByteArray> keep;
        const size_t per = (rows.size() + size_t(parts) - 1) / size_t(parts);
        for (int p = 0; p < parts; ++p) {
            keep.push_back(csv(rows, size_t(p) * per, size_t(p + 1) * per, p == 0));
            zip_source_t *s =
                zip_source_buffer(z, keep.back().constData(), zip_uint64_t(keep.back().size()), 0);
            const QByteArray name = QStringLiteral("bill-part-%1.csv").arg(p + 1).toUtf8();
            if (!s || zip_file_add(z, name.constData(), s, ZIP_FL_ENC_UTF_8) < 0) {
                zip_discard(z);
                return false;
            }
        }
        return zip_close(z) == 0;
    }

    // A title row, a blank row, the header, then the rows; calls as number cells, amounts as text.
    bool writeXlsx(const std::vector<ProviderRow> &rows, const QString &path) const
    {
        const QByteArray file = QFile::encodeName(path);
        lxw_workbook *wb = workbook_new(file.constData());
        lxw_worksheet *ws = workbook_add_worksheet(wb, nullptr);
        worksheet_write_string(ws, 0, 0, "Transaction bill", nullptr);
        const QStringList h = header();
        for (int c = 0; c < h.size(); ++c)
            worksheet_write_string(ws, 2, lxw_col_t(c), h[c].toUtf8().constData(), nullptr);
        lxw_row_t row = 3;
        for (const ProviderRow &r : rows) {
            const QStringList c = cells(r);
            for (int k = 0; k < c.size(); ++k) {
                if (k == 10)
                    worksheet_write_number(ws, row, lxw_col_t(k), double(r.calls), nullptr);
                else
                    worksheet_write_string(ws, row, lxw_col_t(k), c[k].toUtf8().constData(), nullptr);
            }
            ++row;
        }
        return workbook_close(wb) == LXW_NO_ERROR;
    }

private:
    const Catalog &m_catalog;
    QString m_account;
    Language m_language;
};

} // namespace billing::test
