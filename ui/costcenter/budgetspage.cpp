#include "costcenter/budgetspage.h"

#include "analysis/analysissettings.h"
#include "catalog/catalog.h"
#include "costcenter/budgetmodel.h"
#include "costcenter/scopeeditor.h"
#include "costcenter/undocommands.h"
#include "engine/context.h"
#include "engine/engine.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"
#include "widgets/moneydelegate.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <map>

namespace billing::ui {

BudgetsPage::BudgetsPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_undo(new QUndoStack(this)), m_model(new BudgetModel(this)),
      m_banner(new ErrorBanner(this)), m_table(new QTableView(this)), m_name(new QLineEdit(this)),
      m_amount(new QLineEdit(this)), m_actual(new QLineEdit(QStringLiteral("80, 100"), this)),
      m_forecast(new QLineEdit(QStringLiteral("100"), this)), m_scope(new ScopeEditor(this)),
      m_error(new QLabel(this)), m_save(new QPushButton(this)), m_remove(new QPushButton(this)),
      m_new(new QPushButton(tr("&New budget"), this))
{
    m_scope->setCatalog(&m_engine.catalog());
    m_model->setCatalog(&m_engine.catalog());
    setObjectName(QStringLiteral("budgetsPage"));
    m_table->setObjectName(QStringLiteral("budgetTable"));
    m_table->setAccessibleName(tr("Budgets"));
    m_table->setModel(m_model);
    auto *money = new MoneyDelegate(this);
    for (int c : {BudgetModel::Amount, BudgetModel::Spent, BudgetModel::Forecast})
        m_table->setItemDelegateForColumn(c, money);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_name->setObjectName(QStringLiteral("budgetName"));
    m_amount->setObjectName(QStringLiteral("budgetAmount"));
    m_actual->setObjectName(QStringLiteral("budgetActual"));
    m_forecast->setObjectName(QStringLiteral("budgetForecast"));
    m_save->setObjectName(QStringLiteral("saveBudget"));
    m_remove->setObjectName(QStringLiteral("removeBudget"));
    m_new->setObjectName(QStringLiteral("newBudget"));
    m_error->setObjectName(QStringLiteral("budgetError"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, negativeMoneyColor(palette()));
    m_error->setPalette(errorPalette);
    m_name->setPlaceholderText(tr("e.g. OCR total"));
    m_amount->setPlaceholderText(tr("e.g. 1500.00"));

    addUndoActions(m_undo, this);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Amount a month:"), m_amount);
    form->addRow(tr("Alert at % of &spend:"), m_actual);
    form->addRow(tr("Alert at % of &forecast:"), m_forecast);
    auto *scopeTitle =
        new QLabel(tr("Scope: the budget counts the charges of the values selected below. A list with "
                      "nothing selected counts all its values; with nothing selected anywhere, "
                      "the budget is for the whole account."),
                   this);
    scopeTitle->setWordWrap(true);
    form->addRow(scopeTitle);
    form->addRow(m_scope);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_save);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Budgets")));
    layout->addWidget(m_banner);
    auto *thresholds =
        new QLabel(tr("Each threshold alerts once a month per scope, in Notifications. The cumulative "
                      "view of Analysis (this month) draws the budgets whose scope its filters select "
                      "as lines."),
                   this);
    thresholds->setWordWrap(true); // wraps on a narrow window instead of widening it
    layout->addWidget(thresholds);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_banner, &ErrorBanner::retryRequested, this, &BudgetsPage::refresh);
    for (QLineEdit *e : {m_name, m_amount, m_actual, m_forecast})
        connect(e, &QLineEdit::textChanged, this, &BudgetsPage::validate);
    connect(m_scope, &ScopeEditor::changed, this, &BudgetsPage::validate);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { select(current.row()); });
    connect(m_new, &QPushButton::clicked, this, [this] {
        m_table->clearSelection();
        select(-1);
        m_name->setFocus();
    });
    connect(m_save, &QPushButton::clicked, this, &BudgetsPage::save);
    connect(m_remove, &QPushButton::clicked, this, &BudgetsPage::removeSelected);
    connect(m_undo, &QUndoStack::indexChanged, this,
            [this] { QMetaObject::invokeMethod(this, &BudgetsPage::refresh, Qt::QueuedConnection); });
    select(-1);
}

std::optional<Budget> BudgetsPage::formBudget()
{
    Budget b;
    b.id = m_selected ? m_selected->id : 0;
    b.name = m_name->text().trimmed();
    auto amount = Money::parse(m_amount->text().trimmed().remove(QLocale().groupSeparator()));
    if (b.name.isEmpty()) {
        m_error->setText(tr("Give the budget a name."));
        return std::nullopt;
    }
    if (!amount || amount->units() <= 0 || !amount->centRemainder().isZero()) {
        m_error->setText(tr("The amount must be a positive number with at most 2 decimals, e.g. 1500.00."));
        return std::nullopt;
    }
    b.amount = *amount;
    auto actual = parseThresholds(m_actual->text());
    auto forecast = parseThresholds(m_forecast->text());
    if (!actual || !forecast) {
        m_error->setText((!actual ? actual.error() : forecast.error()).message);
        return std::nullopt;
    }
    b.actualThresholds = *actual;
    b.forecastThresholds = *forecast;
    b.scope = m_scope->scope();
    if (Status s = validateBudget(b); !s) {
        m_error->setText(s.error().message);
        return std::nullopt;
    }
    m_error->clear();
    return b;
}

void BudgetsPage::validate()
{
    const bool empty = m_name->text().isEmpty() && m_amount->text().isEmpty();
    const bool ok = formBudget().has_value();
    if (empty)
        m_error->clear();
    m_save->setEnabled(ok);
}

void BudgetsPage::select(int row)
{
    m_selected =
        row >= 0 && row < m_model->rowCount() ? std::optional(m_model->status(row).budget) : std::nullopt;
    const QSignalBlocker b1(m_name), b2(m_amount), b3(m_actual), b4(m_forecast);
    if (m_selected) {
        m_name->setText(m_selected->name);
        m_amount->setText(m_selected->amount.toString(2));
        m_actual->setText(formatThresholds(m_selected->actualThresholds));
        m_forecast->setText(formatThresholds(m_selected->forecastThresholds));
        m_scope->setScope(m_selected->scope);
        m_save->setText(tr("&Save changes to \u201c%1\u201d").arg(m_selected->name));
        m_remove->setText(tr("&Remove budget \u201c%1\u201d").arg(m_selected->name));
    } else {
        m_name->clear();
        m_amount->clear();
        m_scope->setScope({});
        m_save->setText(tr("&Add budget"));
        m_remove->setText(tr("&Remove budget"));
    }
    m_remove->setEnabled(m_selected.has_value());
    validate();
}

void BudgetsPage::save()
{
    auto b = formBudget();
    if (!b)
        return;
    m_undo->push(new BudgetCommand(m_engine, m_selected, *b, [this](const Error &e) {
        m_banner->showError(tr("Could not store the budget."), e);
    }));
}

void BudgetsPage::removeSelected()
{
    if (m_selected)
        m_undo->push(new BudgetCommand(m_engine, m_selected, std::nullopt, [this](const Error &e) {
            m_banner->showError(tr("Could not remove the budget."), e);
        }));
}

void BudgetsPage::refresh()
{
    struct Loaded
    {
        std::vector<BudgetStatus> statuses;
        QString currency;
        std::map<QString, QStringList> options; // scope dimension → values offered
    };
    auto r = m_engine.run([](Context &ctx) -> Result<Loaded> {
        Loaded l;
        auto s = budgetStatuses(ctx);
        if (!s)
            return s.error();
        l.statuses = std::move(*s);
        l.currency = ctx.account.currency;
        for (const ApiInfo &a : ctx.catalog.apis())
            l.options[QStringLiteral("api")] << a.id;
        for (const RegionInfo &reg : ctx.catalog.regions())
            l.options[QStringLiteral("region")] << reg.id;
        auto projects = ctx.records.projects();
        if (!projects)
            return projects.error();
        l.options[QStringLiteral("project")] = *projects;
        auto tags = tagsInUse(ctx);
        if (!tags)
            return tags.error();
        l.options[QStringLiteral("tag")] = *tags;
        return l;
    });
    if (!r) {
        m_banner->showError(tr("Could not load the budgets."), r.error());
        return;
    }
    m_banner->clear();
    for (const auto &[dimension, values] : r->options)
        m_scope->setOptions(dimension, values);
    const QString selectedName = m_selected ? m_selected->name : QString();
    m_model->setStatuses(std::move(r->statuses), r->currency);
    int row = -1;
    for (int i = 0; i < m_model->rowCount(); ++i)
        if (m_model->status(i).budget.name == selectedName)
            row = i;
    if (row >= 0)
        m_table->selectRow(row);
    select(row);
    m_table->resizeColumnsToContents();
}

} // namespace billing::ui
