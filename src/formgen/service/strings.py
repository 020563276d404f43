"""The service's own words in kk, ru and en: problem titles, and the clerk's page.

Validation messages are not here: they are the forms' (formgen.forms.messages).
"""

from __future__ import annotations

from ..locale import LANGS, Lang

PROBLEM_TITLES: dict[str, dict[str, str]] = {
    "invalid-data": {"kk": "Деректер формаға сәйкес келмейді", "ru": "Данные не соответствуют форме",
                     "en": "The data does not fit the form"},
    "unknown-form": {"kk": "Мұндай форма жоқ", "ru": "Такой формы нет", "en": "No such form"},
    "bad-parameter": {"kk": "Сұрау параметрі қате", "ru": "Неверный параметр запроса", "en": "Bad request parameter"},
    "bad-request": {"kk": "Сұрау орындалмайды", "ru": "Запрос не может быть выполнен", "en": "The request cannot be done"},
    "invalid-json": {"kk": "Сұраудың денесі JSON емес", "ru": "Тело запроса — не JSON", "en": "The request body is not JSON"},
    "body-too-large": {"kk": "Сұрау тым үлкен", "ru": "Запрос слишком велик", "en": "The request is too large"},
    "unsupported-media-type": {"kk": "Сұраудың денесі application/json болуы керек",
                               "ru": "Тело запроса должно быть application/json",
                               "en": "The request body must be application/json"},
    "render-timeout": {"kk": "Құжатты жасау тым ұзаққа созылды", "ru": "Документ формируется слишком долго",
                       "en": "The document takes too long to render"},
    "not-found": {"kk": "Табылмады", "ru": "Не найдено", "en": "Not found"},
    "method-not-allowed": {"kk": "Бұл әдіске рұқсат жоқ", "ru": "Метод не разрешён", "en": "Method not allowed"},
    "not-acceptable": {"kk": "Сұраныс орындалмайды", "ru": "Запрос не может быть выполнен", "en": "Not acceptable"},
    "internal": {"kk": "Сервистің ішкі қатесі", "ru": "Внутренняя ошибка сервиса", "en": "Internal error of the service"},
}

PAGE: dict[str, dict[str, str]] = {
    "title": {"kk": "Құжаттар", "ru": "Документы", "en": "Documents"},
    "subtitle": {"kk": "Мемлекеттік қызметтер көрсету сапасын мемлекеттік бақылау",
                 "ru": "Государственный контроль за качеством оказания государственных услуг",
                 "en": "State control over the quality of public services"},
    "page_language": {"kk": "Бет тілі", "ru": "Язык страницы", "en": "Page language"},
    "document_language": {"kk": "Құжат тілі", "ru": "Язык документа", "en": "Document language"},
    "form": {"kk": "Форма", "ru": "Форма", "en": "Form"},
    "choose_form": {"kk": "Форманы таңдаңыз", "ru": "Выберите форму", "en": "Choose a form"},
    "add": {"kk": "Қосу", "ru": "Добавить", "en": "Add"},
    "remove": {"kk": "Жою", "ru": "Удалить", "en": "Remove"},
    "check": {"kk": "Тексеру", "ru": "Проверить", "en": "Check"},
    "preview": {"kk": "Алдын ала қарау", "ru": "Предпросмотр", "en": "Preview"},
    "download_docx": {"kk": "DOCX жүктеу", "ru": "Скачать DOCX", "en": "Download DOCX"},
    "download_pdf": {"kk": "PDF жүктеу", "ru": "Скачать PDF", "en": "Download PDF"},
    "save_draft": {"kk": "Жобаны сақтау", "ru": "Сохранить черновик", "en": "Save draft"},
    "drafts": {"kk": "Жобалар", "ru": "Черновики", "en": "Drafts"},
    "open_draft": {"kk": "Ашу", "ru": "Открыть", "en": "Open"},
    "no_drafts": {"kk": "Сақталған жоба жоқ", "ru": "Сохранённых черновиков нет", "en": "No drafts saved"},
    "draft_saved": {"kk": "Жоба сақталды", "ru": "Черновик сохранён", "en": "Draft saved"},
    "next_document": {"kk": "Осы тексерудің келесі құжаты", "ru": "Следующий документ этой проверки",
                      "en": "Next document of this audit"},
    "start_next": {"kk": "Бастау", "ru": "Начать", "en": "Start"},
    "valid": {"kk": "Деректер дұрыс", "ru": "Данные заполнены верно", "en": "The data is valid"},
    "has_errors": {"kk": "Қателерді түзетіңіз", "ru": "Исправьте ошибки", "en": "Correct the errors"},
    "same_text": {"kk": "Барлық тілдерге бір мәтін", "ru": "Один текст для всех языков", "en": "One text for every language"},
    "yes": {"kk": "Иә", "ru": "Да", "en": "Yes"},
    "not_applicable": {"kk": "Қолданылмайды", "ru": "Не применяется", "en": "Does not apply"},
    "none": {"kk": "—", "ru": "—", "en": "—"},
    "api_docs": {"kk": "API сипаттамасы", "ru": "Описание API", "en": "API description"},
    "noscript": {"kk": "Бұл бетке JavaScript қажет", "ru": "Для этой страницы нужен JavaScript",
                 "en": "This page needs JavaScript"},
}


def page_words(lang: Lang) -> dict[str, str]:
    """Every word of the clerk's page in lang."""
    return {key: words[lang] for key, words in PAGE.items()}


LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
assert all(set(words) == set(LANGS) for words in (*PROBLEM_TITLES.values(), *PAGE.values()))
