#include "audit/auditpage.h"

#include "audit/audittablemodel.h"
#include "auditcsv.h"
#include "engine/auditlog.h"
#include "engine/engine.h"
#include "engine/verifier.h"
#include "exportcommon.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"
#include "widgets/ownengine.h"
#include "widgets/taborder.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <climits>

namespace billing::ui {

namespace {
QDateEdit *dateEdit(const QString &anyText, QWidget *parent)
{
    auto *d = new QDateEdit(parent);
    d->setCalendarPopup(true);
    d->setMinimumDate(QDate(2000, 1, 1));
    d->setSpecialValueText(anyText); // the minimum date reads "any"
    d->setDate(d->minimumDate());
    letTabLeaveAnyDate(d);
    return d;
}

QString prettyJson(const QJsonObject &o)
{
    return o.isEmpty() ? AuditPage::tr("(nothing)")
                       : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)).trimmed();
}
} // namespace

AuditPage::AuditPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new AuditTableModel(this)), m_banner(new ErrorBanner(this)),
      m_action(new QComboBox(this)), m_actor(new QComboBox(this)), m_from(dateEdit(tr("any"), this)),
      m_to(dateEdit(tr("any"), this)), m_count(new QLabel(this)), m_chain(new QLabel(this)),
      m_export(new QPushButton(tr("&Export CSV\u2026"), this)), m_table(new QTableView(this)),
      m_details(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("auditPage"));
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_actor->setObjectName(QStringLiteral("auditActor"));
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_to->setObjectName(QStringLiteral("auditTo"));
    m_count->setObjectName(QStringLiteral("auditCount"));
    m_chain->setObjectName(QStringLiteral("auditChain"));
    m_export->setObjectName(QStringLiteral("exportAudit"));
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit log entries"));
    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_from->setToolTip(tr("Entries from the start of this day"));
    m_to->setToolTip(tr("Entries up to the end of this day"));

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select an entry to see what it recorded."));
    m_chain->setTextFormat(Qt::PlainText);
    m_chain->setWordWrap(true);

    auto *header = new QHBoxLayout;
    header->addWidget(createTitle(tr("Audit log")));
    header->addStretch(1);
    header->addWidget(m_export);

    auto *filters = new QHBoxLayout;
    auto addFilter = [&](const QString &text, QWidget *w) {
        auto *label = new QLabel(text, this);
        label->setBuddy(w);
        filters->addWidget(label);
        filters->addWidget(w);
    };
    addFilter(tr("A&ction:"), m_action);
    addFilter(tr("&Who:"), m_actor);
    addFilter(tr("&From:"), m_from);
    addFilter(tr("&To:"), m_to);
    filters->addStretch(1);
    filters->addWidget(m_count);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_chain);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    for (QComboBox *c : {m_action, m_actor})
        connect(c, &QComboBox::currentIndexChanged, this, &AuditPage::reload);
    for (QDateEdit *d : {m_from, m_to})
        connect(d, &QDateEdit::dateChanged, this, &AuditPage::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditPage::showDetails);
    connect(m_model, &AuditTableModel::loadFailed, this,
            [this](const Error &e) { m_banner->showError(tr("Could not read the audit log."), e); });
    connect(m_banner, &ErrorBanner::retryRequested, this, &AuditPage::refresh);
    m_chainCheck.onFinished([this](const Result<QStringList> &r) {
        QPalette p = palette();
        if (!r) {
            m_chain->setText(tr("Chain not checked: %1").arg(r.error().message));
        } else if (r->isEmpty()) {
            m_chain->setText(tr("\u2714 Chain verified: every entry follows the one before it and none was "
                                "altered or removed."));
        } else {
            m_chain->setText(tr("\u2716 Chain broken: %1").arg(r->join(QStringLiteral("; "))));
            p.setColor(QPalette::WindowText, negativeMoneyColor(p));
        }
        m_chain->setPalette(p);
    });
    m_exportTask.onFinished([this](const Status &s) {
        m_export->setEnabled(true);
        if (!s)
            m_banner->showError(tr("Could not export the audit log."), s.error());
        emit exportFinished(s.ok(), s.ok() ? QString() : s.error().message);
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = m_pathProvider ? m_pathProvider()
                                            : QFileDialog::getSaveFileName(this, tr("Export the audit log"),
                                                                           QStringLiteral("audit-log.csv"),
                                                                           tr("CSV file (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
}

void AuditPage::fillCombo(QComboBox *combo, const QStringList &values)
{
    const QSignalBlocker blocker(combo);
    const QString current = combo->currentData().toString();
    combo->clear();
    combo->addItem(tr("All"), QString());
    for (const QString &v : values)
        combo->addItem(v, v);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

void AuditPage::refresh()
{
    auto lists = m_engine.run([](Context &ctx) { return auditChoices(ctx); });
    if (!lists) {
        m_banner->showError(tr("Could not read the audit log."), lists.error());
        return;
    }
    m_banner->clear();
    fillCombo(m_action, lists->actions);
    fillCombo(m_actor, lists->actors);
    reload();
    verifyChain();
}

AuditFilter AuditPage::filter() const
{
    AuditFilter f;
    f.action = m_action->currentData().toString();
    f.actor = m_actor->currentData().toString();
    const BillingCalendar cal(m_utcOffset);
    if (m_from->date() != m_from->minimumDate()) {
        const QDate d = m_from->date();
        f.from = cal.at(CivilDate{d.year(), d.month(), d.day()}, 0);
    }
    if (m_to->date() != m_to->minimumDate()) {
        const QDate d = m_to->date().addDays(1);
        f.to = cal.at(CivilDate{d.year(), d.month(), d.day()}, 0);
    }
    return f;
}

void AuditPage::reload()
{
    auto offset = m_engine.run([](Context &ctx) { return Result<int>(ctx.account.utcOffsetSeconds); });
    if (offset)
        m_utcOffset = *offset;
    const AuditFilter f = filter();
    auto count = m_engine.run([&](Context &ctx) { return auditCount(ctx, f); });
    m_count->setText(count ? tr("%n entries", nullptr, int(*count)) : QString());
    m_model->reset(
        [this, f](qint64 beforeId, int limit) {
            return m_engine.run([&](Context &ctx) { return auditPage(ctx, f, beforeId, limit); });
        },
        m_utcOffset);
    m_details->clear();
    m_table->resizeColumnToContents(AuditTableModel::Time);
    m_table->resizeColumnToContents(AuditTableModel::Actor);
    m_table->resizeColumnToContents(AuditTableModel::Action);
    m_table->resizeColumnToContents(AuditTableModel::Object);
}

void AuditPage::verifyChain()
{
    if (m_chainCheck.isRunning())
        return;
    m_chain->setText(tr("Checking the chain\u2026"));
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    m_chainCheck.start([location, &clock](TaskControl &) -> Result<QStringList> {
        return withOwnEngine(location, clock, [](Engine &engine) -> Result<QStringList> {
            auto ctx = engine.inspect();
            if (!ctx)
                return ctx.error();
            return verifyAuditChain(**ctx);
        });
    });
}

void AuditPage::showDetails()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const AuditEntry &e = m_model->entry(current.row());
    m_details->setPlainText(
        tr("Entry %1 by %2: %3 on %4\n\nBefore:\n%5\n\nAfter:\n%6\n\nHash: %7\nPrevious: %8")
            .arg(e.id)
            .arg(e.actor, e.action, e.subject, prettyJson(e.before), prettyJson(e.after), e.hash,
                 e.prevHash.isEmpty() ? tr("(first entry)") : e.prevHash));
}

void AuditPage::setActionFilter(const QString &action)
{
    m_action->setCurrentIndex(std::max(0, m_action->findData(action)));
}

void AuditPage::setActorFilter(const QString &actor)
{
    m_actor->setCurrentIndex(std::max(0, m_actor->findData(actor)));
}

void AuditPage::exportCsv(const QString &path)
{
    if (m_exportTask.isRunning())
        return;
    m_export->setEnabled(false);
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    const AuditFilter f = filter();
    m_exportTask.start([location, &clock, f, path](TaskControl &) -> Status {
        return withOwnEngine(location, clock, [&](Engine &engine) -> Status {
            auto ctx = engine.inspect();
            if (!ctx)
                return ctx.error();
            auto all = auditPage(**ctx, f, 0, INT_MAX);
            if (!all)
                return all.error();
            const BillingCalendar cal = (*ctx)->calendar;
            return report::saveAtomically(
                path, [&](QIODevice &out) { return report::exportAuditCsv(*all, cal, out); });
        });
    });
}

bool AuditPage::isBusy() const
{
    return m_chainCheck.isRunning() || m_exportTask.isRunning();
}

QString AuditPage::chainText() const
{
    return m_chain->text();
}

QString AuditPage::detailsText() const
{
    return m_details->toPlainText();
}

} // namespace billing::ui
