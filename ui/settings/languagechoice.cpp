#include "settings/languagechoice.h"

#include "shell/settings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace billing::ui {

LanguageChoice::LanguageChoice(ConsoleSettings &settings, QWidget *parent)
    : QWidget(parent), m_settings(settings), m_combo(new QComboBox(this)), m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("languageChoice"));
    m_combo->setObjectName(QStringLiteral("language"));
    const QString system = QLocale::system().nativeLanguageName(); // empty for the C locale
    m_combo->addItem(system.isEmpty() ? tr("System default") : tr("System default (%1)").arg(system),
                     QString());
    // Named in their own language, so whoever cannot read the current one still finds theirs.
    m_combo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_combo->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_combo->setAccessibleName(tr("Language"));
    m_combo->setAccessibleDescription(tr("The language of the console's texts and the format of its money, "
                                         "numbers and dates; applies at the next start."));
    const int current = m_combo->findData(m_settings.language());
    m_combo->setCurrentIndex(current >= 0 ? current : 0);
    m_note->setObjectName(QStringLiteral("languageNote"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setText(tr("Texts, money, numbers and dates follow the language chosen here. "
                       "A change applies when the console starts next time."));

    auto *label = new QLabel(tr("&Language:"), this);
    label->setBuddy(m_combo);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(label, m_combo);
    form->addRow(m_note);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &LanguageChoice::onChosen);
}

QString LanguageChoice::language() const
{
    return m_combo->currentData().toString();
}

void LanguageChoice::onChosen()
{
    m_settings.setLanguage(language());
    m_settings.sync();
}

} // namespace billing::ui
