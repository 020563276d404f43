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
    "unauthorized": {"kk": "Жүйеге кіріңіз", "ru": "Требуется вход в систему", "en": "Sign in first"},
    "forbidden": {"kk": "Бұл әрекетке құқығыңыз жоқ", "ru": "Недостаточно прав для этого действия",
                  "en": "Your role does not allow this"},
    "csrf": {"kk": "Сұрау беттен келмеген", "ru": "Запрос отправлен не со страницы сервиса",
             "en": "The request did not come from the service's page"},
    "no-entry": {"kk": "Тізілімде мұндай жазба жоқ", "ru": "Такой записи в реестре нет", "en": "No such entry in the register"},
    "already-voided": {"kk": "Құжат бұрын жойылған", "ru": "Документ уже аннулирован", "en": "The document is already voided"},
    "no-draft": {"kk": "Мұндай жоба жоқ", "ru": "Такого черновика нет", "en": "No such draft"},
    "no-job": {"kk": "Мұндай тапсырма жоқ", "ru": "Такого задания нет", "en": "No such job"},
    "job-not-done": {"kk": "Тапсырма әлі аяқталған жоқ", "ru": "Задание ещё не завершено", "en": "The job has not finished"},
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
    # signing in and out
    "sign_in": {"kk": "Кіру", "ru": "Войти", "en": "Sign in"},
    "sign_in_title": {"kk": "Жүйеге кіру", "ru": "Вход в систему", "en": "Sign in"},
    "sign_out": {"kk": "Шығу", "ru": "Выйти", "en": "Sign out"},
    "login": {"kk": "Логин", "ru": "Логин", "en": "Login"},
    "password": {"kk": "Құпиясөз", "ru": "Пароль", "en": "Password"},
    "wrong_password": {"kk": "Логин немесе құпиясөз қате", "ru": "Неверный логин или пароль",
                       "en": "Wrong login or password"},
    "role_reader": {"kk": "оқырман", "ru": "читатель", "en": "reader"},
    "role_clerk": {"kk": "іс жүргізуші", "ru": "делопроизводитель", "en": "clerk"},
    "role_administrator": {"kk": "әкімші", "ru": "администратор", "en": "administrator"},
    # issuing and the register
    "issue": {"kk": "Тіркеу және беру", "ru": "Зарегистрировать", "en": "Issue"},
    "issued_as": {"kk": "Тіркелді, № {number}", "ru": "Зарегистрирован под № {number}", "en": "Issued as No. {number}"},
    "issued_list": {"kk": "Берілген құжаттар", "ru": "Выданные документы", "en": "Issued documents"},
    "new_document": {"kk": "Жаңа құжат", "ru": "Новый документ", "en": "New document"},
    "search": {"kk": "Іздеу", "ru": "Поиск", "en": "Search"},
    "search_hint": {"kk": "нөмір, БСН, атауы…", "ru": "номер, БИН, наименование…", "en": "number, BIN, name…"},
    "all_forms": {"kk": "Барлық нысандар", "ru": "Все формы", "en": "All forms"},
    "all_statuses": {"kk": "Барлығы", "ru": "Все", "en": "All"},
    "found": {"kk": "Табылды: {count}", "ru": "Найдено: {count}", "en": "Found: {count}"},
    "void": {"kk": "Күшін жою", "ru": "Аннулировать", "en": "Void"},
    "void_reason": {"kk": "Күшін жою себебі", "ru": "Причина аннулирования", "en": "Reason for voiding"},
    "voided": {"kk": "Күші жойылды", "ru": "Аннулирован", "en": "Voided"},
    "export_xlsx": {"kk": "Журнал (XLSX)", "ru": "Журнал (XLSX)", "en": "Journal (XLSX)"},
    "verify_link": {"kk": "Тексеру беті", "ru": "Страница проверки", "en": "Verification page"},
    "reader_cannot_issue": {"kk": "Оқырман құжатты тіркей алмайды", "ru": "Читатель не может регистрировать документы",
                            "en": "A reader cannot issue documents"},
    "delete": {"kk": "Жою", "ru": "Удалить", "en": "Delete"},
    # the quarterly reports: blanks for every body, returns added up (background jobs)
    "quarterly": {"kk": "Тоқсандық есептер", "ru": "Квартальные отчёты", "en": "Quarterly reports"},
    "bulk_title": {"kk": "Органдарға арналған есеп бланкілері", "ru": "Бланки отчётов для органов",
                   "en": "Blank reports for the bodies"},
    "bulk_hint": {"kk": "id, name (немесе name_kk, name_ru, name_en), address, phone, email, head бағандары бар CSV "
                        "(Excel немесе LibreOffice сақтаған күйінде): әр органға әр нысанның, тілдің және форматтың "
                        "толтырылған деректемелері бар бланкісі, ZIP мұрағатында.",
                  "ru": "CSV со столбцами id, name (или name_kk, name_ru, name_en), address, phone, email, head "
                        "(как его сохраняют Excel или LibreOffice): каждому органу — бланк каждой формы, языка и "
                        "формата с его реквизитами, в ZIP-архиве.",
                  "en": "A CSV with the columns id, name (or name_kk, name_ru, name_en), address, phone, email, head "
                        "(as Excel or LibreOffice save it): for every body a blank of each form, language and "
                        "format with its details filled in, in a ZIP."},
    "bodies_file": {"kk": "Органдар тізімі (CSV)", "ru": "Список органов (CSV)", "en": "List of bodies (CSV)"},
    "year": {"kk": "Жыл", "ru": "Год", "en": "Year"},
    "quarter": {"kk": "Тоқсан", "ru": "Квартал", "en": "Quarter"},
    "forms": {"kk": "Нысандар", "ru": "Формы", "en": "Forms"},
    "languages": {"kk": "Тілдер", "ru": "Языки", "en": "Languages"},
    "formats": {"kk": "Форматтар", "ru": "Форматы", "en": "Formats"},
    "start_bulk": {"kk": "Бланкілерді жасау", "ru": "Сформировать бланки", "en": "Make the blanks"},
    "consolidate_title": {"kk": "Есептерді жинақтау", "ru": "Свод отчётов", "en": "Consolidate the returns"},
    "consolidate_hint": {"kk": "Бір нысанның бір тоқсандағы толтырылған есептері: formgen жасаған XLSX, тіркелген "
                               "PDF немесе JSON. Бір органнан бір есеп; бос есеп ұсынылмаған болып саналады.",
                         "ru": "Заполненные отчёты одной формы за один квартал: XLSX, сформированные formgen, "
                               "зарегистрированные PDF или JSON. От органа — один отчёт; пустой отчёт считается "
                               "непредставленным.",
                         "en": "Filled returns of one form and quarter: XLSX written by formgen, issued PDFs or "
                               "JSON. One return per body; an empty one counts as not submitted."},
    "returns_files": {"kk": "Есептер", "ru": "Отчёты", "en": "Returns"},
    "result_language": {"kk": "Жиынтық тілі", "ru": "Язык свода", "en": "Language of the consolidation"},
    "latest": {"kk": "Бір органның екі есебі болса, тізімде кейінгісін алу",
               "ru": "Если от органа два отчёта — взять указанный в списке позже",
               "en": "A body's two returns: take the one later in the list"},
    "start_consolidate": {"kk": "Жинақтау", "ru": "Свести", "en": "Consolidate"},
    "jobs": {"kk": "Тапсырмалар", "ru": "Задания", "en": "Jobs"},
    "no_jobs": {"kk": "Тапсырма жоқ", "ru": "Заданий нет", "en": "No jobs"},
    "jobs_kept": {"kk": "Тапсырма мен оның нәтижесі аяқталғаннан кейін {days} күн сақталады.",
                  "ru": "Задание и его результат хранятся {days} дн. после завершения.",
                  "en": "A job and its result are kept for {days} days after it ends."},
    "job_bulk": {"kk": "Бланкілер", "ru": "Бланки", "en": "Blanks"},
    "job_consolidate": {"kk": "Жиынтық", "ru": "Свод", "en": "Consolidation"},
    "job_queued": {"kk": "кезекте", "ru": "в очереди", "en": "queued"},
    "job_running": {"kk": "орындалуда", "ru": "выполняется", "en": "running"},
    "job_done": {"kk": "дайын", "ru": "готово", "en": "done"},
    "job_failed": {"kk": "орындалмады", "ru": "не выполнено", "en": "failed"},
    "job_started": {"kk": "Тапсырма басталды", "ru": "Задание запущено", "en": "The job has started"},
    "download_result": {"kk": "Нәтижені жүктеу", "ru": "Скачать результат", "en": "Download the result"},
    "choose_file": {"kk": "Файлды таңдаңыз", "ru": "Выберите файл", "en": "Choose a file"},
    "choose_one": {"kk": "Кемінде біреуін таңдаңыз", "ru": "Выберите хотя бы одно значение", "en": "Choose at least one"},
    "reader_cannot_start": {"kk": "Оқырман тапсырма бастай алмайды", "ru": "Читатель не может запускать задания",
                            "en": "A reader cannot start jobs"},
    # the public verification page
    "verify_title": {"kk": "Құжаттың түпнұсқалығын тексеру", "ru": "Проверка подлинности документа",
                     "en": "Verify a document"},
    "verify_valid": {"kk": "Құжат жарамды: тізілімде тіркелген, күші жойылмаған",
                     "ru": "Документ действителен: зарегистрирован в реестре и не аннулирован",
                     "en": "The document is genuine and in force"},
    "verify_voided": {"kk": "Құжаттың күші жойылған", "ru": "Документ аннулирован", "en": "The document was voided"},
    "verify_altered": {"kk": "Файл өзгертілген: тізілім берген құжат емес",
                       "ru": "Файл изменён: это не тот документ, который выдан по реестру",
                       "en": "The file was altered: it is not the document the register issued"},
    "verify_unknown": {"kk": "Мұндай құжат тізілімде жоқ", "ru": "Такого документа в реестре нет",
                       "en": "No such document in the register"},
    "verify_number": {"kk": "Шығыс нөмірі", "ru": "Исходящий номер", "en": "Outgoing number"},
    "verify_kind": {"kk": "Құжаттың түрі", "ru": "Вид документа", "en": "Kind of document"},
    "verify_date": {"kk": "Құжаттың күні", "ru": "Дата документа", "en": "Document date"},
    "verify_issued": {"kk": "Тіркелген уақыты", "ru": "Зарегистрирован", "en": "Issued at"},
    "verify_voided_at": {"kk": "Күші жойылған уақыты", "ru": "Аннулирован", "en": "Voided at"},
    "verify_number_differs": {"kk": "Сілтемедегі нөмір тізілімдегі нөмірге сәйкес келмейді",
                              "ru": "Номер в ссылке не совпадает с номером в реестре",
                              "en": "The number in the link is not the register's number"},
    "verify_file": {"kk": "Файлды тексеру (PDF немесе DOCX)", "ru": "Проверить файл (PDF или DOCX)",
                    "en": "Check a file (PDF or DOCX)"},
    "verify_button": {"kk": "Тексеру", "ru": "Проверить", "en": "Check"},
    "verify_privacy": {"kk": "Бұл бет дербес деректерді көрсетпейді.",
                       "ru": "Эта страница не показывает персональных данных.",
                       "en": "This page shows no personal data."},
    "noscript": {"kk": "Бұл бетке JavaScript қажет", "ru": "Для этой страницы нужен JavaScript",
                 "en": "This page needs JavaScript"},
}


def page_words(lang: Lang) -> dict[str, str]:
    """Every word of the clerk's page in lang."""
    return {key: words[lang] for key, words in PAGE.items()}


LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
assert all(set(words) == set(LANGS) for words in (*PROBLEM_TITLES.values(), *PAGE.values()))
