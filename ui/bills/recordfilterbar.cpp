#include "bills/recordfilterbar.h"

#include "bills/recordtablemodel.h"
#include "catalog/catalog.h"
#include "time/billingcalendar.h"
#include "widgets/format.h"
#include "widgets/shrinkingcombo.h"
#include "widgets/taborder.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace billing::ui {

namespace {
const QDate kAnyDate(2000, 1, 1);
// Type choices beyond the single types: what a bill sums.
const QString kCharges = QStringLiteral("charges");
// "Dates by" choices.
const QString kTimeOfUse = QStringLiteral("use");
// Timing choices.
const QString kOnTime = QStringLiteral("on-time");
const QString kLate = QStringLiteral("late");

} // namespace

RecordFilterBar::RecordFilterBar(QWidget *parent)
    : QWidget(parent), m_id(new QLineEdit(this)), m_month(new QComboBox(this)), m_from(new QDateEdit(this)),
      m_to(new QDateEdit(this)), m_datesBy(new QComboBox(this)), m_timing(new QComboBox(this)),
      m_type(new QComboBox(this)), m_api(new QComboBox(this)), m_region(new QComboBox(this)),
      m_project(new QComboBox(this)), m_mode(new QComboBox(this))
{
    setObjectName(QStringLiteral("recordFilterBar"));
    m_id->setObjectName(QStringLiteral("recordIdSearch"));
    m_id->setPlaceholderText(tr("Record id"));
    m_id->setClearButtonEnabled(true);
    m_id->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,18}")), m_id));
    m_id->setToolTip(tr("Type a record id and press Enter to show only that record"));
    for (QDateEdit *d : {m_from, m_to}) {
        letTabLeaveAnyDate(d);
        d->setCalendarPopup(true);
        d->setMinimumDate(kAnyDate);
        d->setSpecialValueText(tr("any"));
        d->setDate(kAnyDate);
    }
    m_from->setToolTip(tr("Records from this day on (by the record's time or the time of use, as Dates by "
                          "says; billing time zone)"));
    m_to->setToolTip(tr("Records up to and including this day"));
    m_datesBy->setObjectName(QStringLiteral("recordDatesBy"));
    m_datesBy->addItem(tr("Record time"));
    m_datesBy->addItem(tr("Time of use"), kTimeOfUse);
    m_datesBy->setToolTip(tr("Record time: when the record was written (a usage line: the end of the hour "
                             "that settled it). Time of use: the hour the calls were made, as the cost "
                             "analysis and the anomalies count usage lines (a late line billed in a later "
                             "month counts at its settlement); only usage lines."));
    m_timing->setObjectName(QStringLiteral("recordTiming"));
    m_timing->addItem(tr("On time and late"));
    m_timing->addItem(tr("On time"), kOnTime);
    m_timing->addItem(tr("Late"), kLate);
    m_timing->setToolTip(tr("Usage lines billed on time, or late (imported after their hour was settled)"));
    m_type->addItem(tr("All types"));
    m_type->addItem(tr("Charges (as billed)"), kCharges);
    for (auto t : {Record::Type::Usage, Record::Type::Purchase, Record::Type::Renewal, Record::Type::Refund,
                   Record::Type::TopUp, Record::Type::Coupon})
        m_type->addItem(RecordTableModel::typeName(t), recordTypeId(t));
    m_mode->addItem(tr("All modes"));
    m_mode->addItem(RecordTableModel::modeName(kModePayPerUse), kModePayPerUse);
    m_mode->addItem(RecordTableModel::modeName(kModePackage), kModePackage);
    refill(m_month, tr("All months"), {});
    refill(m_api, tr("All APIs"), {});
    refill(m_region, tr("All regions"), {});
    refill(m_project, tr("All projects"), {});
    auto *reset = new QPushButton(tr("Rese&t filters"), this);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    auto add = [&](int row, int col, const QString &label, QWidget *w) {
        auto *l = new QLabel(label, this);
        l->setBuddy(w);
        grid->addWidget(l, row, col * 2, Qt::AlignRight);
        grid->addWidget(w, row, col * 2 + 1);
    };
    add(0, 0, tr("&Id:"), m_id);
    add(0, 1, tr("Bill &month:"), m_month);
    add(0, 2, tr("&From:"), m_from);
    add(0, 3, tr("T&o:"), m_to);
    add(0, 4, tr("T&ype:"), m_type);
    add(1, 0, tr("&API:"), m_api);
    add(1, 1, tr("&Region:"), m_region);
    add(1, 2, tr("Pro&ject:"), m_project);
    add(1, 3, tr("Mo&de:"), m_mode);
    add(0, 5, tr("Dates &by:"), m_datesBy);
    add(1, 4, tr("Timin&g:"), m_timing);
    grid->addWidget(reset, 1, 11);
    grid->setColumnStretch(12, 1);
    for (QComboBox *box : {m_month, m_type, m_api, m_region, m_project, m_mode, m_timing, m_datesBy})
        letComboShrink(box, 2);

    auto emitChanged = [this] {
        if (!m_quiet)
            emit changed();
    };
    for (QComboBox *box : {m_month, m_type, m_api, m_region, m_project, m_mode, m_datesBy, m_timing})
        connect(box, &QComboBox::currentIndexChanged, this, emitChanged);
    for (QDateEdit *d : {m_from, m_to})
        connect(d, &QDateEdit::dateChanged, this, emitChanged);
    connect(m_id, &QLineEdit::returnPressed, this, emitChanged);
    connect(m_id, &QLineEdit::textChanged, this, [emitChanged](const QString &text) {
        if (text.isEmpty())
            emitChanged();
    });
    connect(reset, &QPushButton::clicked, this, &RecordFilterBar::reset);
}

void RecordFilterBar::refill(QComboBox *box, const QString &allText,
                             const QList<QPair<QString, QString>> &items)
{
    const QString current = box->currentData().toString();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(allText);
    for (const auto &[data, text] : items)
        box->addItem(text, data);
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

void RecordFilterBar::select(QComboBox *box, const QString &data)
{
    const int at = data.isEmpty() ? 0 : box->findData(data);
    if (at < 0) // a value not offered yet (a project without records so far): offer it
        box->addItem(data, data);
    box->setCurrentIndex(data.isEmpty() ? 0 : box->findData(data));
}

void RecordFilterBar::setChoices(const AccountDisplay &display, const QStringList &months,
                                 const QStringList &projects)
{
    m_quiet = true;
    m_display = display;
    QList<QPair<QString, QString>> apis, regions, monthItems;
    if (display.catalog) {
        for (const ApiInfo &a : display.catalog->apis())
            apis.append({a.id, catalogName(a.name)});
        for (const RegionInfo &r : display.catalog->regions())
            regions.append({r.id, catalogName(r.name)});
    }
    for (const QString &m : months)
        monthItems.append({m, m});
    if (m_api->count() <= 1)
        refill(m_api, m_api->itemText(0), apis);
    if (m_region->count() <= 1)
        refill(m_region, m_region->itemText(0), regions);
    refill(m_month, m_month->itemText(0), monthItems);
    m_quiet = false;
    setProjects(projects);
}

void RecordFilterBar::setProjects(const QStringList &projects)
{
    m_quiet = true;
    QList<QPair<QString, QString>> items;
    for (const QString &p : projects)
        items.append({p, p});
    refill(m_project, m_project->itemText(0), items);
    m_quiet = false;
}

RecordFilter RecordFilterBar::filter() const
{
    RecordFilter f;
    bool idOk = false;
    const qint64 id = m_id->text().toLongLong(&idOk);
    if (idOk) {
        f.id = id; // a record id names one record: the other filters do not apply
        return f;
    }
    const BillingCalendar cal(m_display.utcOffsetSeconds);
    const bool byUse = m_datesBy->currentData().toString() == kTimeOfUse;
    std::optional<Instant> &from = byUse ? f.usedFrom : f.from;
    std::optional<Instant> &to = byUse ? f.usedTo : f.to;
    f.utcOffsetSeconds = m_display.utcOffsetSeconds;
    if (m_from->date() != kAnyDate)
        from = cal.startOfDate({m_from->date().year(), m_from->date().month(), m_from->date().day()});
    if (m_to->date() != kAnyDate) {
        const QDate next = m_to->date().addDays(1);
        to = cal.startOfDate({next.year(), next.month(), next.day()});
    }
    const QString timing = m_timing->currentData().toString();
    if (!timing.isEmpty())
        f.late = timing == kLate;
    f.billMonth = m_month->currentData().toString();
    f.api = m_api->currentData().toString();
    f.region = m_region->currentData().toString();
    f.project = m_project->currentData().toString();
    f.mode = m_mode->currentData().toString();
    const QString type = m_type->currentData().toString();
    if (type == kCharges)
        f.types = {Record::Type::Usage, Record::Type::Purchase, Record::Type::Renewal, Record::Type::Refund};
    else if (!type.isEmpty())
        f.type = recordTypeFromId(type);
    return f;
}

void RecordFilterBar::showBillLine(const QString &month, const QString &api, const QString &region,
                                   const QString &mode)
{
    m_quiet = true;
    reset();
    m_quiet = true;
    select(m_month, month);
    select(m_api, api);
    select(m_region, region);
    select(m_mode, mode);
    select(m_type, kCharges);
    m_quiet = false;
    emit changed();
}

void RecordFilterBar::showRecords(const RecordFilter &f)
{
    m_quiet = true;
    reset();
    m_quiet = true;
    const BillingCalendar cal(m_display.utcOffsetSeconds);
    const std::optional<Instant> from = f.usedFrom ? f.usedFrom : f.from;
    const std::optional<Instant> to = f.usedFrom || f.usedTo ? f.usedTo : f.to;
    auto dateOf = [&cal](Instant t) {
        const CivilDate d = cal.dateOf(t);
        return QDate(d.year, d.month, d.day);
    };
    if (from)
        m_from->setDate(dateOf(*from));
    if (to)
        m_to->setDate(dateOf(*to - 1)); // up to and including the day before the end
    select(m_datesBy, f.usedFrom || f.usedTo ? kTimeOfUse : QString());
    select(m_timing, !f.late ? QString() : *f.late ? kLate : kOnTime);
    select(m_api, f.api);
    select(m_region, f.region);
    select(m_project, f.project);
    select(m_mode, f.mode);
    select(m_type, f.type ? recordTypeId(*f.type) : QString());
    m_quiet = false;
    emit changed();
}

void RecordFilterBar::reset()
{
    const bool quiet = m_quiet;
    m_quiet = true;
    m_id->clear();
    for (QComboBox *box : {m_month, m_type, m_api, m_region, m_project, m_mode, m_datesBy, m_timing})
        box->setCurrentIndex(0);
    m_from->setDate(kAnyDate);
    m_to->setDate(kAnyDate);
    m_quiet = quiet;
    if (!m_quiet)
        emit changed();
}

} // namespace billing::ui
