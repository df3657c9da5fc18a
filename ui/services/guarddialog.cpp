#include "services/guarddialog.h"

#include "engine/engine.h"
#include "engine/funds.h"
#include "widgets/format.h"
#include "widgets/ownengine.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace billing::ui {

GuardDialog::GuardDialog(Engine &engine, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_name(new QLineEdit(this)), m_api(new QComboBox(this)),
      m_region(new QComboBox(this)), m_trigger(new QComboBox(this)), m_amount(new QLineEdit(this)),
      m_reason(new QLabel(this)), m_preview(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_previewButton(new QPushButton(tr("&Preview the last %1 days").arg(kPreviewDays), this)),
      m_cancelPreview(new QPushButton(tr("Cancel preview"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("guardDialog"));
    setWindowTitle(tr("New spend guard"));
    m_name->setObjectName(QStringLiteral("guardName"));
    m_api->setObjectName(QStringLiteral("guardApi"));
    m_region->setObjectName(QStringLiteral("guardRegion"));
    m_trigger->setObjectName(QStringLiteral("guardTrigger"));
    m_amount->setObjectName(QStringLiteral("guardAmount"));
    m_reason->setObjectName(QStringLiteral("guardReason"));
    m_preview->setObjectName(QStringLiteral("guardPreview"));
    m_previewButton->setObjectName(QStringLiteral("guardPreviewButton"));
    m_cancelPreview->setObjectName(QStringLiteral("guardCancelPreview"));

    const AccountDisplay display{QString(), 0, &engine.catalog()};
    m_api->addItem(tr("Every API"), QStringLiteral("all"));
    for (const ApiInfo &a : engine.catalog().apis())
        m_api->addItem(apiName(display, a.id), a.id);
    m_region->addItem(tr("Every region"), QString());
    for (const RegionInfo &r : engine.catalog().regions())
        m_region->addItem(regionName(display, r.id), r.id);
    m_trigger->addItem(tr("This month's cost reaches"), QStringLiteral("month-cost"));
    m_trigger->addItem(tr("The balance falls to"), QStringLiteral("balance-floor"));
    m_amount->setPlaceholderText(tr("e.g. 500.00"));
    m_reason->setWordWrap(true);
    m_reason->setForegroundRole(QPalette::PlaceholderText);
    m_preview->setWordWrap(true);
    m_preview->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_preview->setMinimumHeight(fontMetrics().lineSpacing() * 3); // the answer does not move the buttons
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_progress->hide();
    m_cancelPreview->hide();
    m_add = m_buttons->addButton(tr("&Add guard"), QDialogButtonBox::AcceptRole);
    m_add->setObjectName(QStringLiteral("guardAdd"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("A&PI:"), m_api);
    form->addRow(tr("&Region:"), m_region);
    form->addRow(tr("&Trigger:"), m_trigger);
    form->addRow(tr("A&mount:"), m_amount);
    form->addRow(QString(), m_reason);
    auto *previewBar = new QHBoxLayout;
    previewBar->addWidget(m_previewButton);
    previewBar->addWidget(m_progress, 1);
    previewBar->addWidget(m_cancelPreview);
    auto *intro = new QLabel(tr("When the trigger holds at the end of an hour, the guard disables every "
                                "enabled service in its scope, so later calls are rejected and never billed. "
                                "It never enables anything again; a cost guard fires at most once a month."),
                             this);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(previewBar);
    layout->addWidget(m_preview);
    layout->addWidget(m_buttons);

    for (QLineEdit *e : {m_name, m_amount})
        connect(e, &QLineEdit::textChanged, this, &GuardDialog::validate);
    for (QComboBox *c : {m_api, m_region, m_trigger})
        connect(c, &QComboBox::currentIndexChanged, this, &GuardDialog::validate);
    connect(m_previewButton, &QPushButton::clicked, this, &GuardDialog::startPreview);
    connect(m_cancelPreview, &QPushButton::clicked, this, [this] { m_task.cancel(); });
    connect(m_add, &QPushButton::clicked, this, &GuardDialog::addGuard);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_task.onProgress([this](int value, int maximum) {
        m_progress->setMaximum(maximum);
        m_progress->setValue(value);
    });
    m_task.onFinished([this](Result<guards::DryRun> r) { onPreviewDone(r); });
    validate();
}

guards::GuardSpec GuardDialog::spec() const
{
    guards::GuardSpec s;
    s.name = m_name->text();
    const bool balance = m_trigger->currentData().toString() == QLatin1String("balance-floor");
    s.api = balance ? QStringLiteral("all") : m_api->currentData().toString();
    s.region = balance ? QString() : m_region->currentData().toString();
    (balance ? s.balanceFloor : s.monthCost) = m_amount->text().trimmed();
    return s;
}

void GuardDialog::validate()
{
    // A balance guard watches the whole account (billing-rules §12.19): no scope to choose.
    const bool balance = m_trigger->currentData().toString() == QLatin1String("balance-floor");
    m_api->setEnabled(!balance);
    m_region->setEnabled(!balance);
    QString reason;
    if (m_name->text().trimmed().isEmpty())
        reason = tr("Give the guard a name.");
    else if (m_name->text().trimmed() != m_name->text() || m_name->text().size() > 64)
        reason = tr("A name has 1 to 64 characters without spaces around it.");
    else if (m_amount->text().trimmed().isEmpty())
        reason = balance ? tr("Give the balance floor.") : tr("Give the month's cost limit.");
    else if (auto m = funds::parseUserAmount(m_amount->text().trimmed()); !m)
        reason = m.error().message;
    else if (Status s = funds::validateAmount(*m); !s)
        reason = s.error().message;
    m_reason->setText(reason);
    m_add->setEnabled(reason.isEmpty());
    m_previewButton->setEnabled(reason.isEmpty() && !m_task.isRunning());
    m_preview->clear();
}

void GuardDialog::startPreview()
{
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    const guards::GuardSpec s = spec();
    m_preview->setText(tr("Replaying the last %1 days\u2026").arg(kPreviewDays));
    m_progress->setValue(0);
    m_progress->show();
    m_cancelPreview->show();
    m_previewButton->setEnabled(false);
    const QString actor = m_engine.actor();
    m_task.start([location, &clock, s, actor](TaskControl &control) -> Result<guards::DryRun> {
        return withOwnEngine(location, clock, [&](Engine &engine) -> Result<guards::DryRun> {
            engine.setActor(actor);
            auto ctx = engine.inspect(); // the account is only read; the scratch copy catches up
            if (!ctx)
                return ctx.error();
            auto g = guards::fromSpec(**ctx, s);
            if (!g)
                return g.error();
            // Replayed on a scratch copy of the account; the account is only read.
            return guards::dryRun(engine, clock.now(), actor, *g, kPreviewDays, [&](int done, int total) {
                control.setProgress(done, total);
                return !control.isCancelled();
            });
        });
    });
}

void GuardDialog::onPreviewDone(const Result<guards::DryRun> &r)
{
    m_progress->hide();
    m_cancelPreview->hide();
    m_previewButton->setEnabled(m_add->isEnabled());
    if (!r) {
        m_preview->setText(tr("No preview: %1").arg(r.error().message));
    } else if (!r->wouldFireAt) {
        m_preview->setText(tr("Over the last %1 days this guard would not have fired.").arg(kPreviewDays));
    } else {
        auto account = m_engine.run([](Context &ctx) -> Result<int> { return ctx.account.utcOffsetSeconds; });
        const int offset = account ? *account : 0;
        m_preview->setText(
            tr("Over the last %1 days this guard would have fired on %2, rejecting %3 calls and avoiding %4 "
               "of charges.")
                .arg(kPreviewDays)
                .arg(formatDateTimeLong(*r->wouldFireAt, offset), QLocale().toString(r->callsRejected),
                     formatMoney(r->chargesAvoided)) +
            (r->arrearsAvoided > Money()
                 ? u' ' + tr("Of these, %1 would not have been arrears.").arg(formatMoney(r->arrearsAvoided))
                 : QString()));
    }
    emit previewFinished();
}

void GuardDialog::addGuard()
{
    const guards::GuardSpec s = spec();
    auto added = m_engine.run([&](Context &ctx) -> Result<Guard> {
        auto g = guards::fromSpec(ctx, s);
        if (!g)
            return g.error();
        return guards::set(ctx, *g);
    });
    if (!added) {
        m_reason->setText(added.error().message);
        return;
    }
    emit guardAdded(added->name);
    accept();
}

} // namespace billing::ui
