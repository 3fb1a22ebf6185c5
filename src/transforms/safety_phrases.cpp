#include "transforms/safety_phrases.hpp"

#include "text/language_tag.hpp"

#include <string>
#include <utility>

namespace handout {

namespace {

/// One table per primary language subtag. Phrases are written as a careful reader of the
/// language would find them in patient material; conditions that are whole words are padded
/// with spaces (the text they are looked for in is padded too).
const std::vector<std::pair<std::string_view, SafetyPhrases>>& tables() {
  static const std::vector<std::pair<std::string_view, SafetyPhrases>> kTables = {
      {"es",
       {{"cuándo pedir ayuda", "cuando pedir ayuda", "cuándo llamar", "cuándo consultar", "cuándo acudir",
         "cuándo buscar", "cuándo ir al", "señales de alarma", "signos de alarma", "señales de advertencia",
         "signos de advertencia", "emergencia", "urgencia", "pedir ayuda", "buscar ayuda"},
        {"llame al 911", "llame al 112", "llame a su", "llame a la", "llame al médico", "llame a emergencias",
         "llame de inmediato", "acuda a urgencias", "acuda al médico", "acuda a su", "acuda a la", "vaya a urgencias",
         "vaya a la sala de emergencias", "vaya al hospital", "busque atención médica", "busque ayuda médica",
         "consulte a su médico", "consulte al médico", "consulte con su", "pida ayuda", "sala de emergencias",
         "servicio de urgencias"},
        {" si ", " cuando ", "de inmediato", "enseguida", "inmediatamente", "cuanto antes", "urgente",
         "de urgencia", "lo antes posible", "sin demora"}}},
      {"fr",
       {{"quand consulter", "quand appeler", "quand demander de l'aide", "quand obtenir de l'aide",
         "signes d'alerte", "signes d'alarme", "signes de danger", "urgence", "demander de l'aide"},
        {"appelez le 15", "appelez le 112", "appelez le 911", "appelez le samu", "appelez votre", "appelez le médecin",
         "appelez un médecin", "appelez les urgences", "consultez un médecin", "consultez votre", "consultez rapidement",
         "allez aux urgences", "rendez-vous aux urgences", "service des urgences", "demandez de l'aide",
         "contactez votre", "contactez un médecin", "contactez le"},
        {" si ", " lorsque ", " quand ", "immédiatement", "tout de suite", "sans attendre", "rapidement",
         "d'urgence", "sans tarder"}}},
      {"pt",
       {{"quando procurar ajuda", "quando pedir ajuda", "quando ligar", "quando procurar", "sinais de alerta",
         "sinais de alarme", "sinais de perigo", "emergência", "urgência"},
        {"ligue para o", "ligue para a", "ligue para seu", "ligue para sua", "ligue 192", "ligue para 192",
         "ligue 911", "procure atendimento", "procure um médico", "procure o pronto-socorro", "vá ao pronto-socorro",
         "vá à emergência", "pronto-socorro", "procure ajuda médica", "procure a emergência", "fale com seu médico",
         "fale com o médico", "consulte um médico", "consulte seu médico"},
        {" se ", " quando ", "imediatamente", "o quanto antes", "urgente", "sem demora", "na hora", "logo que"}}},
      {"vi",
       {{"khi nào cần", "khi nào nên gọi", "khi nào đi khám", "khi nào nên đi", "dấu hiệu nguy hiểm",
         "dấu hiệu cảnh báo", "cấp cứu"},
        {"gọi 911", "gọi 115", "gọi cho bác sĩ", "gọi bác sĩ", "gọi cho phòng khám", "gọi cho nhóm", "đi cấp cứu",
         "đến phòng cấp cứu", "đến bệnh viện", "đi bệnh viện", "đi khám bác sĩ", "đi khám ngay", "đến gặp bác sĩ",
         "tìm sự trợ giúp y tế", "phòng cấp cứu"},
        {" nếu ", " khi ", " ngay", "lập tức", "càng sớm càng tốt"}}},
      {"zh",
       {{"何时就医", "何時就醫", "什么时候就医", "什麼時候就醫", "何时求助", "何時求助", "何时看医生", "何時看醫生",
         "危险信号", "危險信號", "危险征兆", "危險徵兆", "警示症状", "警示症狀", "紧急", "緊急", "急救"},
        {"拨打911", "撥打911", "拨打 911", "撥打 911", "拨打120", "拨打 120", "撥打119", "撥打 119", "立即就医",
         "立即就醫", "马上就医", "馬上就醫", "尽快就医", "盡快就醫", "儘快就醫", "去急诊", "去急診", "急诊室",
         "急診室", "联系医生", "聯絡醫生", "聯繫醫生", "联系您的医生", "聯絡您的醫生", "给医生打电话", "打電話給醫生",
         "打电话给医生", "看医生", "看醫生", "寻求医疗", "尋求醫療"},
        {"如果", "若", "立即", "马上", "馬上", "尽快", "盡快", "儘快", "时", "時"}}},
      {"ko",
       {{"언제 도움을", "병원에 가야 할 때", "진료를 받아야 할 때", "위험 신호", "경고 신호", "응급", "도움을 받아야 할 때"},
        {"911에 전화", "119에 전화", "119로 전화", "병원에 가", "응급실", "의사에게 연락", "의사와 상담", "진료를 받으",
         "의료진에게 연락", "의사에게 전화"},
        {"경우", "즉시", "바로", "하면", "있으면", "되면", "때"}}},
      {"ru",
       {{"когда обращаться", "когда обратиться", "когда звонить", "когда вызывать", "тревожные признаки",
         "опасные признаки", "неотложн", "экстренн", "когда нужна помощь"},
        {"позвоните 911", "звоните 911", "звоните 103", "звоните 112", "звоните врачу", "вызывайте скорую", "позвоните 103", "позвоните 112", "вызовите скорую", "вызовите врача", "позвоните врачу",
         "позвоните своему врачу", "позвоните в", "обратитесь к врачу", "обратитесь за медицинской помощью",
         "обратитесь в", "скорую помощь", "срочно обратитесь", "немедленно обратитесь", "отделение неотложной"},
        {" если ", " при ", "немедленно", "срочно", "сразу", "как можно скорее", " когда "}}},
      {"ar",
       {{"متى تطلب المساعدة", "متى تتصل", "متى تراجع", "متى تذهب", "علامات الخطر", "علامات التحذير", "الطوارئ"},
        {"اتصل بالرقم", "اتصل بالإسعاف", "اتصل بطبيبك", "اتصل بالطبيب", "اتصل بعيادتك", "اذهب إلى الطوارئ",
         "توجه إلى الطوارئ", "توجه إلى أقرب", "راجع الطبيب", "راجع طبيبك", "اطلب المساعدة الطبية", "اطلب الرعاية الطبية",
         "قسم الطوارئ", "غرفة الطوارئ"},
        {"إذا", "اذا", " عند ", "فورا", "فوراً", "على الفور", "في الحال", "بسرعة"}}},
      {"fa",
       {{"چه زمانی", "علائم خطر", "نشانه‌های خطر", "اورژانس", "کمک بگیرید"},
        {"با ۱۱۵ تماس", "با 115 تماس", "با 911 تماس", "با ۹۱۱ تماس", "با پزشک تماس", "با پزشک خود تماس",
         "به اورژانس بروید", "به اورژانس مراجعه", "به پزشک مراجعه", "کمک پزشکی"},
        {"اگر", "در صورت", "فوراً", "فورا", "بلافاصله", "هرچه زودتر"}}},
      {"tl",
       {{"kailan hihingi ng tulong", "kailan tatawag", "kailan magpapatingin", "babalang senyales",
         "palatandaan ng panganib", "emerhensiya"},
        {"tumawag sa 911", "tumawag sa", "tawagan ang", "magpatingin sa doktor", "pumunta sa emergency",
         "pumunta sa ospital", "humingi ng tulong medikal", "kumonsulta sa doktor", "emergency room"},
        {" kung ", " kapag ", " agad", "kaagad", "ngayon din"}}},
      {"ht",
       {{"ki lè pou", "kilè pou", "siy danje", "ijans", "chèche èd"},
        {"rele 911", "rele doktè", "rele klinik", "rele ekip", "ale nan ijans", "ale kay doktè", "ale lopital",
         "chèche swen", "chèche èd medikal", "sal ijans"},
        {" si ", " lè ", "touswit", "imedyatman", "san pèdi tan"}}},
      {"hi",
       {{"कब मदद लें", "कब डॉक्टर", "खतरे के संकेत", "चेतावनी के संकेत", "आपातकाल"},
        {"911 पर कॉल", "911 पर फ़ोन", "911 पर फोन", "108 पर फ़ोन", "108 पर कॉल", "डॉक्टर को फ़ोन", "112 पर कॉल", "डॉक्टर को दिखाएं", "डॉक्टर को दिखाएँ", "डॉक्टर से संपर्क",
         "डॉक्टर को फोन", "डॉक्टर को कॉल", "अस्पताल जाएं", "अस्पताल जाएँ", "आपातकालीन विभाग", "चिकित्सा सहायता"},
        {"अगर", "यदि", "तुरंत", "फौरन", " जब "}}},
      {"bn",
       {{"কখন সাহায্য", "কখন ডাক্তার", "বিপদের লক্ষণ", "সতর্কতার লক্ষণ", "জরুরি"},
        {"৯৯৯ নম্বরে", "911 নম্বরে", "৯১১ নম্বরে", "ডাক্তারের সাথে যোগাযোগ", "ডাক্তার দেখান", "হাসপাতালে যান",
         "জরুরি বিভাগে", "চিকিৎসা সহায়তা", "ডাক্তারকে ফোন", "ক্লিনিকে ফোন", "নম্বরে ফোন", "911-এ ফোন", "৯১১-এ ফোন"},
        {"যদি", "হলে", "অবিলম্বে", "দ্রুত", "সঙ্গে সঙ্গে", "এখনই"}}},
  };
  return kTables;
}

}  // namespace

const SafetyPhrases* safety_phrases(std::string_view language) {
  std::string primary = language_tag::primary(language);
  if (primary == "fil") primary = "tl";
  for (const auto& [lang, phrases] : tables())
    if (lang == primary) return &phrases;
  return nullptr;
}

}  // namespace handout
