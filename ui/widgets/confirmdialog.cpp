#include "widgets/confirmdialog.h"

#include "widgets/format.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace billing::ui {

ConfirmDialog::ConfirmDialog(const QString &title, const QString &text, const QString &confirmText,
                             QWidget *parent)
    : QDialog(parent), m_text(new QLabel(text, this)), m_form(new QFormLayout), m_refusal(new QLabel(this)),
      m_buttons(new QDialogButtonBox(this)), m_confirm(nullptr)
{
    setObjectName(QStringLiteral("confirmDialog"));
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    m_text->setWordWrap(true);
    m_refusal->setObjectName(QStringLiteral("refusal"));
    m_refusal->setWordWrap(true);
    m_refusal->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette p = m_refusal->palette();
    p.setColor(QPalette::WindowText, negativeMoneyColor(p));
    m_refusal->setPalette(p);
    m_refusal->hide();
    m_confirm = m_buttons->addButton(confirmText, QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true); // Enter never confirms by accident; the confirm button is one Tab away
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addLayout(m_form);
    layout->addWidget(m_refusal);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ConfirmDialog::addRow(const QString &label, const QString &value, const QString &objectName)
{
    auto *v = new QLabel(value, this);
    v->setObjectName(objectName);
    v->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->setFont(tabularFont(v->font()));
    m_form->addRow(label, v);
}

void ConfirmDialog::setRefusal(const QString &reason)
{
    m_refusal->setText(reason);
    m_refusal->setVisible(!reason.isEmpty());
    m_confirm->setEnabled(reason.isEmpty());
}

void ConfirmDialog::setDestructive(bool destructive)
{
    if (!destructive)
        return;
    QFont f = m_confirm->font();
    f.setBold(true);
    m_confirm->setFont(f);
}

QString ConfirmDialog::refusal() const
{
    return m_refusal->isVisibleTo(this) ? m_refusal->text() : QString();
}

QStringList ConfirmDialog::rows() const
{
    QStringList out;
    for (int r = 0; r < m_form->rowCount(); ++r) {
        auto *label = m_form->itemAt(r, QFormLayout::LabelRole);
        auto *field = m_form->itemAt(r, QFormLayout::FieldRole);
        auto *l = label ? qobject_cast<QLabel *>(label->widget()) : nullptr;
        auto *f = field ? qobject_cast<QLabel *>(field->widget()) : nullptr;
        if (l && f)
            out << l->text() + QStringLiteral(" ") + f->text();
    }
    return out;
}

} // namespace billing::ui
