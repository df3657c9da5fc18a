#include "overview/overviewpage.h"

#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/fundspreview.h"
#include "engine/notifications.h"
#include "engine/renewalcalendar.h"
#include "engine/services.h"
#include "notifications/notificationtext.h"
#include "widgets/errorbanner.h"
#include "widgets/figure.h"
#include "widgets/format.h"
#include "widgets/ownengine.h"

#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace billing::ui {

namespace {
constexpr int kLatestNotifications = 5;
constexpr int kRenewalDays = 30;
constexpr int kLatestAnomalies = 3;
constexpr qint64 kAnomalyDays = 30;
constexpr int kAnomaliesPaintWaitMs = 250;

struct Loaded
{
    AccountStatus status;
    std::vector<Notification> notifications;
    std::vector<RenewalEvent> renewals;
    SpendRange spend;
    Instant anomaliesFrom = 0;
    Instant anomaliesTo = 0;
};
} // namespace

OverviewPage::OverviewPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_banner(new ErrorBanner(this)), m_stopped(new QLabel(this))
{
    setObjectName(QStringLiteral("overviewPage"));
    m_stopped->setObjectName(QStringLiteral("billingStopped"));
    m_stopped->setWordWrap(true);
    m_stopped->setFrameShape(QFrame::StyledPanel);
    m_stopped->setMargin(m_stopped->fontMetrics().height() / 2);
    m_stopped->setAutoFillBackground(true);
    QFont stoppedFont = m_stopped->font();
    stoppedFont.setBold(true);
    stoppedFont.setPointSizeF(stoppedFont.pointSizeF() * 1.2);
    m_stopped->setFont(stoppedFont);
    const ChipColors chip = stateChipColors(AccountState::Grace, palette());
    QPalette sp = m_stopped->palette();
    sp.setColor(QPalette::Window, chip.background);
    sp.setColor(QPalette::WindowText, chip.text);
    m_stopped->setPalette(sp);
    m_stopped->hide();

    m_balance = addTile(tr("Balance"), true, PageId::Funds);
    m_balance->setObjectName(QStringLiteral("balanceTile"));
    m_arrears = addTile(tr("Arrears"), false, PageId::Funds);
    m_state = addTile(tr("Account state"), false, PageId::Funds);
    m_state->setObjectName(QStringLiteral("stateTile"));
    m_spend = addTile(tr("Spent this month"), false, PageId::Transactions);
    m_spend->setObjectName(QStringLiteral("spendTile"));
    m_services = addTile(tr("Services enabled"), false, PageId::Services);
    m_packages = addTile(tr("Packages in force"), false, PageId::Packages);
    m_renewals = addTile(tr("Renewals in %1 days").arg(kRenewalDays), false, PageId::Packages);
    m_coupons = addTile(tr("Cash coupons"), false, PageId::Funds);

    auto *tiles = new QGridLayout;
    tiles->addWidget(m_balance, 0, 0, 1, 2);
    tiles->addWidget(m_arrears, 0, 2);
    tiles->addWidget(m_state, 0, 3);
    tiles->addWidget(m_spend, 1, 0);
    tiles->addWidget(m_services, 1, 1);
    tiles->addWidget(m_packages, 1, 2);
    tiles->addWidget(m_renewals, 1, 3);
    tiles->addWidget(m_coupons, 2, 0);
    for (int c = 0; c < 4; ++c)
        tiles->setColumnStretch(c, 1);

    auto *packagesBox = new QGroupBox(tr("Quota left in the packages in force"), this);
    m_packageBars = new QVBoxLayout(packagesBox);
    auto *renewalsBox = new QGroupBox(tr("Renewals due in the next %1 days").arg(kRenewalDays), this);
    m_renewalList = new QVBoxLayout(renewalsBox);
    auto *middle = new QHBoxLayout;
    middle->addWidget(packagesBox, 1);
    middle->addWidget(renewalsBox, 1);

    auto *anomaliesBox = new QGroupBox(tr("Latest anomalies"), this);
    anomaliesBox->setObjectName(QStringLiteral("anomaliesBox"));
    m_anomalies = new QVBoxLayout;
    auto *allAnomalies = new QPushButton(tr("All anomalies\u2026"), anomaliesBox);
    auto *anomaliesLayout = new QVBoxLayout(anomaliesBox);
    anomaliesLayout->addLayout(m_anomalies);
    anomaliesLayout->addWidget(allAnomalies, 0, Qt::AlignRight);

    auto *latestBox = new QGroupBox(tr("Latest notifications"), this);
    m_latest = new QVBoxLayout;
    auto *all = new QPushButton(tr("All notifications\u2026"), latestBox);
    auto *latestLayout = new QVBoxLayout(latestBox);
    latestLayout->addLayout(m_latest);
    latestLayout->addWidget(all, 0, Qt::AlignRight);

    // The content scrolls when it is taller than the window: a layout squeezed below the height its
    // word-wrapped lines need for their width would cut the figures and overlap the notifications.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("overviewScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    auto *content = new QWidget(scroll);
    content->setObjectName(QStringLiteral("overviewContent"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    auto *layout = new QVBoxLayout(content);
    layout->addWidget(createTitle(tr("Overview")));
    layout->addWidget(m_banner);
    layout->addWidget(m_stopped);
    layout->addLayout(tiles);
    layout->addLayout(middle);
    layout->addWidget(anomaliesBox);
    layout->addWidget(latestBox);
    layout->addStretch(1);
    scroll->setWidget(content);

    connect(all, &QPushButton::clicked, this, [this] { emit openPageRequested(PageId::Notifications); });
    connect(m_banner, &ErrorBanner::retryRequested, this, &OverviewPage::refresh);
    connect(allAnomalies, &QPushButton::clicked, this, [this] { emit openPageRequested(PageId::Anomalies); });
    m_spendReader.onLoaded([this](const SpendFigures &f) { onSpendLoaded(f); });
    m_spend->installEventFilter(this);
    m_anomalyTask.onFinished([this](const AnomalyFigures &f) { onAnomaliesLoaded(f); });
}

FigureButton *OverviewPage::addTile(const QString &caption, bool large, PageId target)
{
    auto *tile = new FigureButton(caption, large ? Figure::Size::Large : Figure::Size::Medium, this);
    connect(tile, &FigureButton::clicked, this, [this, target] { emit openPageRequested(target); });
    return tile;
}

void OverviewPage::clear(QVBoxLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

QString OverviewPage::stoppedText() const
{
    return m_stopped->isVisibleTo(this) ? m_stopped->text() : QString();
}

QString OverviewPage::spendText() const
{
    return m_spend->figure()->value();
}

void OverviewPage::refresh()
{
    auto loaded = m_engine.run([](Context &ctx) -> Result<Loaded> {
        Loaded l;
        auto status = accountStatus(ctx);
        if (!status)
            return status.error();
        l.status = std::move(*status);
        auto notifications = listNotifications(ctx);
        if (!notifications)
            return notifications.error();
        if (notifications->size() > size_t(kLatestNotifications))
            notifications->resize(size_t(kLatestNotifications));
        l.notifications = std::move(*notifications);
        auto renewals = upcomingRenewals(ctx, ctx.now, ctx.now + kRenewalDays * kMicrosPerDay);
        if (!renewals)
            return renewals.error();
        l.renewals = std::move(*renewals);
        // Month to date (cash view, up to the last settled hour) against last month up to the same
        // day of the month and hour.
        const Instant asOf = l.status.asOf;
        SpendRange &r = l.spend;
        r.from = ctx.calendar.monthStart(std::max(asOf - 1, ctx.account.createdAt));
        r.to = std::max(asOf, r.from + 1);
        r.lastFrom = ctx.calendar.addMonths(r.from, -1);
        r.lastTo = std::min(r.lastFrom + (r.to - r.from), r.from);
        l.anomaliesTo = ctx.now;
        l.anomaliesFrom = ctx.now - kAnomalyDays * kMicrosPerDay;
        return l;
    });
    if (!loaded) {
        m_banner->showError(tr("Could not load the overview."), loaded.error());
        return;
    }
    m_banner->clear();
    const AccountStatus &st = loaded->status;
    const Account &a = st.account;
    const QLocale locale;
    const AccountDisplay display{a.currency, a.utcOffsetSeconds, &m_engine.catalog()};

    const services::StopPreview stop = services::stopTargets(st.services, st.packages, st.now);
    const bool stopped = stop.enabled.empty() && stop.autoRenewing.empty();
    m_stopped->setText(stopped ? tr("Billing is stopped: no service is enabled and no package renews "
                                    "automatically, so nothing more will be charged. Enable a service on "
                                    "the Services page to start again.")
                               : QString());
    m_stopped->setVisible(stopped);

    m_balance->figure()->setValue(tr("%1 %2").arg(a.balance.toDisplayString(locale), a.currency));
    m_balance->figure()->setNegative(a.balance.isNegative());
    m_balance->figure()->setDetail(a.balance.isNegative() ? tr("Below zero: calls are billed into arrears")
                                                          : tr("Cash available for calls and packages"));
    m_arrears->figure()->setValue(formatMoney(a.arrears(), 2, locale));
    m_arrears->figure()->setNegative(!a.arrears().isZero());
    const std::optional<Money> clears = funds::amountToClearArrears(a);
    m_arrears->figure()->setDetail(
        clears ? tr("A top-up of %1 clears it").arg(formatMoney(*clears, 2, locale)) : tr("Nothing owed"));
    m_state->figure()->setValue(accountStateText(a, locale));
    const funds::ArrearsTimeline timeline = funds::arrearsTimeline(a);
    m_state->figure()->setDetail(
        a.state == AccountState::Frozen ? tr("Calls are rejected until repaid")
        : a.state == AccountState::Grace && timeline.graceEnds
            ? tr("Frozen from %1 unless repaid").arg(formatDateTime(*timeline.graceEnds, a.utcOffsetSeconds))
            : tr("Calls are served and billed"));

    m_display = display;
    loadAnomalies(loaded->anomaliesFrom, loaded->anomaliesTo); // after the spending figures
    loadSpend(loaded->spend);

    const auto enabled = std::count_if(st.services.begin(), st.services.end(),
                                       [](const ServiceState &s) { return s.enabled; });
    m_services->figure()->setValue(
        tr("%1 of %2").arg(locale.toString(qint64(enabled)), locale.toString(qint64(st.services.size()))));
    m_services->figure()->setDetail(enabled == 0 ? tr("Every API is off") : QString());

    clear(m_packageBars);
    int active = 0;
    for (const Package &p : st.packages) {
        if (p.statusAt(st.now) != Package::Status::Active)
            continue;
        ++active;
        auto *label =
            new QLabel(tr("Package %1: %2 in %3 (%4), until %5")
                           .arg(locale.toString(p.id), apiName(display, p.api), regionName(display, p.region),
                                p.sku, formatDateTime(p.lastSecond(), a.utcOffsetSeconds, locale)),
                       this);
        auto *bar = new QProgressBar(this);
        bar->setRange(0, 1000);
        bar->setValue(p.quota > 0 ? int(p.remaining * 1000 / p.quota) : 0);
        bar->setFormat(tr("%1 of %2 calls left").arg(locale.toString(p.remaining), locale.toString(p.quota)));
        bar->setAccessibleName(label->text());
        m_packageBars->addWidget(label);
        m_packageBars->addWidget(bar);
    }
    if (active == 0) {
        auto *none = new QLabel(tr("No package in force: calls are billed pay-per-use. Buy a package on the "
                                   "Packages & renewals page."),
                                this);
        none->setWordWrap(true);
        none->setForegroundRole(QPalette::PlaceholderText);
        m_packageBars->addWidget(none);
    }
    m_packages->figure()->setValue(locale.toString(active));
    m_packages->figure()->setDetail(tr("Bought in all: %1").arg(locale.toString(qint64(st.packages.size()))));

    clear(m_renewalList);
    int attempts = 0;
    for (const RenewalEvent &e : loaded->renewals) {
        attempts += e.kind == RenewalEvent::Kind::AutoRenewAttempt;
        const QString when = formatDateTime(e.at, a.utcOffsetSeconds, locale);
        auto *line = new QLabel(
            e.kind == RenewalEvent::Kind::AutoRenewAttempt
                ? tr("%1 \u2014 auto-renew of package %2 (%3, %4): %5")
                      .arg(when, locale.toString(e.package.id), apiName(display, e.package.api),
                           e.renewSku == e.package.sku ? e.package.sku
                                                       : tr("%1 \u2192 %2").arg(e.package.sku, e.renewSku),
                           formatMoney(e.renewPrice, 2, locale))
                : tr("%1 \u2014 package %2 (%3, %4) ends; auto-renew %5")
                      .arg(when, locale.toString(e.package.id), apiName(display, e.package.api),
                           e.package.sku, e.package.autoRenew ? tr("on") : tr("off")),
            this);
        line->setWordWrap(true);
        m_renewalList->addWidget(line);
    }
    if (loaded->renewals.empty()) {
        auto *none = new QLabel(tr("No package ends and no renewal is due in this time."), this);
        none->setForegroundRole(QPalette::PlaceholderText);
        m_renewalList->addWidget(none);
    }
    m_renewals->figure()->setValue(locale.toString(qint64(loaded->renewals.size())));
    m_renewals->figure()->setDetail(tr("Auto-renew attempts: %1").arg(locale.toString(attempts)));

    const auto coupons = std::count_if(st.coupons.begin(), st.coupons.end(), [&](const Coupon &c) {
        return !c.lapsed && c.expiresAt > st.now && !c.remaining.isZero();
    });
    m_coupons->figure()->setValue(locale.toString(qint64(coupons)));
    m_coupons->figure()->setDetail(tr("usable now"));

    clear(m_latest);
    if (loaded->notifications.empty()) {
        auto *none = new QLabel(
            tr("No notifications yet: alerts about the balance, arrears and packages appear here."), this);
        none->setForegroundRole(QPalette::PlaceholderText);
        none->setWordWrap(true);
        m_latest->addWidget(none);
    }
    for (const Notification &n : loaded->notifications) {
        auto *line = new QLabel(tr("%1 \u2014 %2: %3")
                                    .arg(formatDateTime(n.at, a.utcOffsetSeconds, locale),
                                         notificationTitle(n.kind), notificationText(n, display)),
                                this);
        line->setWordWrap(true);
        if (!n.read) {
            QFont bold = line->font();
            bold.setBold(true);
            line->setFont(bold);
        }
        m_latest->addWidget(line);
    }
}

void OverviewPage::loadSpend(const SpendRange &range)
{
    // Never the figures of an earlier refresh: the tile says it is loading until the new ones are in.
    m_spend->figure()->setValue(tr("Loading\u2026"));
    m_spend->figure()->setDetail(tr("Summing this month's and last month's spending"));
    m_spend->figure()->setNegative(false);
    m_spendReader.start(m_engine.database().location(), m_engine.clock(), range);
}

void OverviewPage::onSpendLoaded(const SpendFigures &f)
{
    if (f.error) {
        m_spend->figure()->setValue(tr("Not available"));
        m_spend->figure()->setDetail(QString());
        m_banner->showError(tr("Could not sum the spending of this month and last month."), *f.error);
    } else {
        const QLocale locale;
        m_spend->figure()->setValue(formatMoney(f.monthToDate, 2, locale));
        m_spend->figure()->setNegative(f.monthToDate.isNegative());
        m_spend->figure()->setDetail(
            tr("Last month by the same day: %1").arg(formatMoney(f.lastMonthSameDay)));
    }
    emit figuresLoaded();
    startAnomaliesAfterPaint();
}

void OverviewPage::startAnomaliesAfterPaint()
{
    if (!m_spend->isVisible()) {
        startAnomalies();
        return;
    }
    m_anomaliesAfterPaint = true;
    // A window that does not paint (minimized) must not keep them waiting.
    QTimer::singleShot(kAnomaliesPaintWaitMs, this, [this] {
        m_anomaliesAfterPaint = false;
        startAnomalies();
    });
}

bool OverviewPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_spend && event->type() == QEvent::Paint && m_anomaliesAfterPaint) {
        m_anomaliesAfterPaint = false;
        QMetaObject::invokeMethod(this, &OverviewPage::startAnomalies, Qt::QueuedConnection);
    }
    return Page::eventFilter(watched, event);
}

AnomalyFigures OverviewPage::readAnomalies(const QString &location, const Clock &clock, Instant from,
                                           Instant to)
{
    AnomalyFigures f;
    Status s = withOwnEngine(location, clock, [&](Engine &engine) -> Status {
        auto ctx = engine.inspect();
        if (!ctx)
            return ctx.error();
        auto list = findAnomalies(**ctx, from, to);
        if (!list)
            return list.error();
        f.latest = std::move(*list);
        return {};
    });
    if (!s) {
        f.error = s.error();
        return f;
    }
    // findAnomalies lists them by day: the newest last.
    std::stable_sort(f.latest.begin(), f.latest.end(),
                     [](const Anomaly &a, const Anomaly &b) { return a.day > b.day; });
    if (f.latest.size() > size_t(kLatestAnomalies))
        f.latest.resize(size_t(kLatestAnomalies));
    return f;
}

void OverviewPage::loadAnomalies(Instant from, Instant to)
{
    clear(m_anomalies);
    auto *loading = new QLabel(tr("Looking for anomalies\u2026"), this);
    loading->setForegroundRole(QPalette::PlaceholderText);
    m_anomalies->addWidget(loading);
    m_anomaliesDue = true;
    m_anomaliesFrom = from;
    m_anomaliesTo = to;
}

void OverviewPage::startAnomalies()
{
    if (!m_anomaliesDue || m_spendReader.isRunning()) // a newer refresh's: after its own spending
        return;
    m_anomaliesDue = false;
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    const Instant from = m_anomaliesFrom, to = m_anomaliesTo;
    m_anomalyTask.start(
        [location, &clock, from, to](TaskControl &) { return readAnomalies(location, clock, from, to); });
}

void OverviewPage::onAnomaliesLoaded(const AnomalyFigures &f)
{
    if (m_anomaliesDue) // the read of an earlier refresh: this one's comes after its spending figures
        return;
    clear(m_anomalies);
    if (f.error) {
        m_banner->showError(tr("Could not look for anomalies."), *f.error);
    } else if (f.latest.empty()) {
        auto *none = new QLabel(tr("No anomalies in the last %n days", nullptr, int(kAnomalyDays)), this);
        none->setForegroundRole(QPalette::PlaceholderText);
        m_anomalies->addWidget(none);
    }
    const QLocale locale;
    for (const Anomaly &a : f.latest) {
        const QString cause = anomalyCauseName(a.causes.dominant());
        const QString text = tr("%1 \u2014 %2, %3, project %4: %5 against a baseline of %6 (%7)")
                                 .arg(locale.toString(toDateTime(a.day, m_display.utcOffsetSeconds).date(),
                                                      QLocale::ShortFormat),
                                      apiName(m_display, a.api), regionName(m_display, a.region), a.project,
                                      formatMoney(a.cost, 2, locale), formatMoney(a.baseline, 2, locale),
                                      a.isRise() ? tr("rise: %1").arg(cause) : tr("drop: %1").arg(cause));
        auto *button = new QPushButton(text, this);
        button->setFlat(true);
        button->setStyleSheet(QStringLiteral("text-align: left"));
        button->setToolTip(tr("Open this anomaly on the Anomalies page"));
        const Instant day = a.day;
        const QString api = a.api, region = a.region, project = a.project;
        connect(button, &QPushButton::clicked, this,
                [this, day, api, region, project] { emit anomalyRequested(day, api, region, project); });
        m_anomalies->addWidget(button);
    }
    emit anomaliesLoaded();
}

QList<QPushButton *> OverviewPage::anomalyButtons() const
{
    QList<QPushButton *> out;
    for (int i = 0; i < m_anomalies->count(); ++i)
        if (auto *b = qobject_cast<QPushButton *>(m_anomalies->itemAt(i)->widget()))
            out.append(b);
    return out;
}

QString OverviewPage::anomaliesText() const
{
    QStringList lines;
    for (int i = 0; i < m_anomalies->count(); ++i) {
        QWidget *w = m_anomalies->itemAt(i)->widget();
        if (auto *b = qobject_cast<QPushButton *>(w))
            lines.append(b->text());
        else if (auto *l = qobject_cast<QLabel *>(w))
            lines.append(l->text());
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace billing::ui
