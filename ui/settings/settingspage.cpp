#include "settings/settingspage.h"

#include "engine/engine.h"
#include "engine/funds.h"
#include "settings/languagechoice.h"
#include "settings/maintenancesection.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
// One save of the alert thresholds: redo stores the new values, undo the old ones.
class AlertSettingsCommand : public QUndoCommand
{
public:
    AlertSettingsCommand(SettingsPage &page, AlertSettings before, AlertSettings after)
        : m_page(page), m_before(before), m_after(after)
    {
        setText(SettingsPage::tr("alert thresholds"));
    }
    void redo() override { m_page.apply(m_after); }
    void undo() override { m_page.apply(m_before); }

private:
    SettingsPage &m_page;
    AlertSettings m_before;
    AlertSettings m_after;
};
} // namespace

SettingsPage::SettingsPage(Engine &engine, ConsoleSettings &console, QWidget *parent)
    : Page(parent), m_engine(engine), m_banner(new ErrorBanner(this)), m_threshold(new QLineEdit(this)),
      m_percent(new QSpinBox(this)), m_reason(new QLabel(this)), m_save(new QPushButton(tr("&Save"), this)),
      m_undo(new QUndoStack(this)), m_language(new LanguageChoice(console, this))
{
    setObjectName(QStringLiteral("settingsPage"));
    m_threshold->setObjectName(QStringLiteral("lowBalanceThreshold"));
    m_threshold->setPlaceholderText(tr("0 = no alert"));
    m_threshold->setFont(tabularFont(m_threshold->font()));
    m_percent->setObjectName(QStringLiteral("quotaAlertPercent"));
    m_percent->setRange(0, 100);
    m_percent->setSuffix(tr(" %"));
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setWordWrap(true);
    QPalette p = m_reason->palette();
    p.setColor(QPalette::WindowText, negativeMoneyColor(p));
    m_reason->setPalette(p);
    m_save->setObjectName(QStringLiteral("saveSettings"));
    m_save->setShortcut(QKeySequence::Save);

    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    for (QAction *a : {undo, redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    auto *undoButton = new QPushButton(tr("Undo"), this);
    undoButton->setObjectName(QStringLiteral("undoSettings"));
    undoButton->setToolTip(tr("Undo the last save (Ctrl+Z)"));
    connect(undoButton, &QPushButton::clicked, undo, &QAction::trigger);
    connect(m_undo, &QUndoStack::canUndoChanged, undoButton, &QWidget::setEnabled);
    undoButton->setEnabled(false);

    auto *thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_threshold);
    thresholdRow->addWidget(m_reason, 1);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    auto *thresholdLabel = new QLabel(tr("&Low-balance alert below:"), this);
    thresholdLabel->setBuddy(m_threshold);
    form->addRow(thresholdLabel, thresholdRow);
    auto *percentLabel = new QLabel(tr("&Package quota alert below:"), this);
    percentLabel->setBuddy(m_percent);
    form->addRow(percentLabel, m_percent);
    auto *hint = new QLabel(tr("A notification is raised when the balance falls below the threshold and when "
                               "a package in force has less than this share of its quota left."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(undoButton);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Settings")));
    layout->addWidget(m_banner);
    auto *section = new QLabel(tr("Alerts"), this);
    QFont bold = section->font();
    bold.setBold(true);
    section->setFont(bold);
    layout->addWidget(section);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addLayout(buttons);
    auto *languageSection = new QLabel(tr("Language"), this);
    languageSection->setFont(bold);
    layout->addSpacing(languageSection->fontMetrics().height());
    layout->addWidget(languageSection);
    layout->addWidget(m_language);
    m_maintenance = new MaintenanceSection(m_engine, this);
    connect(m_maintenance, &MaintenanceSection::databaseReplaced, this, &SettingsPage::databaseReplaced);
    layout->addWidget(m_maintenance);
    layout->addStretch(1);

    connect(m_threshold, &QLineEdit::textChanged, this, &SettingsPage::validate);
    connect(m_percent, &QSpinBox::valueChanged, this, &SettingsPage::validate);
    connect(m_save, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_banner, &ErrorBanner::retryRequested, this, &SettingsPage::refresh);
}

void SettingsPage::refresh()
{
    auto current = m_engine.run([](Context &ctx) -> Result<AlertSettings> { return alerts::current(ctx); });
    if (!current) {
        m_banner->showError(tr("Could not load the settings."), current.error());
        return;
    }
    m_banner->clear();
    m_stored = *current;
    m_threshold->setText(m_stored.lowBalanceThreshold.isZero() ? QStringLiteral("0")
                                                               : m_stored.lowBalanceThreshold.toString(2));
    m_percent->setValue(m_stored.quotaAlertPercent);
    validate();
}

QString SettingsPage::reason() const
{
    return m_reason->text();
}

std::optional<AlertSettings> SettingsPage::typed() const
{
    const QString text = m_threshold->text().trimmed();
    AlertSettings s;
    s.quotaAlertPercent = m_percent->value();
    if (text.isEmpty() || text == QLatin1String("0"))
        return alerts::validate(s) ? std::optional<AlertSettings>(s) : std::nullopt;
    auto amount = funds::parseUserAmount(text);
    if (!amount)
        return std::nullopt;
    s.lowBalanceThreshold = *amount;
    return alerts::validate(s) ? std::optional<AlertSettings>(s) : std::nullopt;
}

void SettingsPage::validate()
{
    const QString text = m_threshold->text().trimmed();
    QString reason;
    if (!text.isEmpty() && text != QLatin1String("0")) {
        auto amount = funds::parseUserAmount(text);
        if (!amount) {
            reason = amount.error().message;
        } else {
            AlertSettings s{*amount, m_percent->value()};
            if (Status v = alerts::validate(s); !v)
                reason = v.error().message;
        }
    }
    m_reason->setText(reason);
    const std::optional<AlertSettings> s = typed();
    m_save->setEnabled(s && (s->lowBalanceThreshold != m_stored.lowBalanceThreshold ||
                             s->quotaAlertPercent != m_stored.quotaAlertPercent));
}

void SettingsPage::save()
{
    const std::optional<AlertSettings> s = typed();
    if (!s)
        return;
    m_undo->push(new AlertSettingsCommand(*this, m_stored, *s));
}

bool SettingsPage::apply(const AlertSettings &settings)
{
    const AlertSettings copy = settings;
    return bool(applyChange(m_engine, m_banner, tr("The settings were not saved."),
                            [copy](Context &ctx) { return alerts::save(ctx, copy); }));
}

bool SettingsPage::isBusy() const
{
    return m_maintenance->isBusy();
}

} // namespace billing::ui
