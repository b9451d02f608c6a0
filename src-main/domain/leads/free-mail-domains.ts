/*
 * Domains of free and consumer mailbox providers: an address there says nothing about the
 * contact's company, so such a domain is never a lead's company domain (no channel-conflict
 * match on "gmail.com") and scores as free mail, not corporate. Matched exactly, lower-case,
 * after normalisation (normalise.ts). Hand-kept on purpose: a few hundred widely used
 * providers, grouped by operator, and the best-known throwaway-address services, rather than
 * a 100,000-entry disposable-address list that would also mark small companies' own domains.
 * Adding a domain changes future scores only; stored breakdowns keep what they said.
 */

const GOOGLE = ['gmail.com', 'googlemail.com'];

const MICROSOFT = [
  'outlook.com', 'outlook.de', 'outlook.fr', 'outlook.es', 'outlook.it', 'outlook.jp', 'outlook.kr', 'outlook.sa',
  'outlook.com.au', 'outlook.com.br', 'outlook.com.ar', 'outlook.com.tr', 'outlook.co.uk', 'outlook.co.il', 'outlook.co.th',
  'outlook.at', 'outlook.be', 'outlook.cl', 'outlook.cz', 'outlook.dk', 'outlook.ie', 'outlook.in', 'outlook.my',
  'outlook.ph', 'outlook.pt', 'outlook.sg', 'outlook.com.vn', 'outlook.com.gr', 'outlook.hu', 'outlook.lv', 'outlook.sk',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.es', 'hotmail.it', 'hotmail.nl', 'hotmail.be',
  'hotmail.ca', 'hotmail.se', 'hotmail.dk', 'hotmail.no', 'hotmail.fi', 'hotmail.gr', 'hotmail.ch', 'hotmail.at',
  'hotmail.com.au', 'hotmail.com.br', 'hotmail.com.ar', 'hotmail.com.mx', 'hotmail.com.tr', 'hotmail.co.jp',
  'hotmail.co.za', 'hotmail.co.in', 'hotmail.co.nz', 'hotmail.co.th', 'hotmail.cl', 'hotmail.my', 'hotmail.ph', 'hotmail.sg',
  'live.com', 'live.co.uk', 'live.fr', 'live.de', 'live.nl', 'live.be', 'live.it', 'live.ca', 'live.se', 'live.dk',
  'live.no', 'live.at', 'live.ch', 'live.ie', 'live.jp', 'live.in', 'live.cl', 'live.ru', 'live.com.au', 'live.com.mx',
  'live.com.ar', 'live.com.pt', 'live.co.za', 'live.com.my', 'live.com.sg',
  'msn.com', 'passport.com', 'windowslive.com',
];

const YAHOO = [
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.ca', 'yahoo.com.au', 'yahoo.com.br',
  'yahoo.com.ar', 'yahoo.com.mx', 'yahoo.co.jp', 'yahoo.co.in', 'yahoo.in', 'yahoo.co.id', 'yahoo.com.sg', 'yahoo.com.ph',
  'yahoo.com.hk', 'yahoo.com.tw', 'yahoo.com.vn', 'yahoo.com.my', 'yahoo.co.nz', 'yahoo.co.th', 'yahoo.co.kr',
  'yahoo.co.za', 'yahoo.ie', 'yahoo.gr', 'yahoo.se', 'yahoo.dk', 'yahoo.no', 'yahoo.fi', 'yahoo.pl', 'yahoo.ro',
  'yahoo.at', 'yahoo.be', 'yahoo.nl', 'yahoo.pt', 'yahoo.com.tr', 'yahoo.com.pe', 'yahoo.com.co', 'yahoo.cl',
  'ymail.com', 'rocketmail.com', 'myyahoo.com',
];

const AOL_VERIZON = ['aol.com', 'aol.co.uk', 'aol.fr', 'aol.de', 'aim.com', 'love.com', 'verizon.net'];

const APPLE = ['icloud.com', 'me.com', 'mac.com'];

const PRIVACY = [
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io', 'tuta.com',
  'tutamail.com', 'keemail.me', 'posteo.de', 'posteo.net', 'mailbox.org', 'hushmail.com', 'hush.com', 'runbox.com',
  'disroot.org', 'riseup.net', 'startmail.com', 'ctemplar.com', 'cock.li', 'mailfence.com', 'countermail.com',
  'fastmail.com', 'fastmail.fm', 'fastmail.net', 'fastmail.org', 'fastmail.us', 'messagingengine.com',
  'zoho.com', 'zohomail.com', 'zohomail.eu', 'zoho.eu', 'zoho.in',
];

const GMX_UNITED_INTERNET = [
  'gmx.com', 'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.fr', 'gmx.co.uk', 'gmx.es', 'gmx.it', 'gmx.us', 'gmx.info',
  'gmx.biz', 'gmx.org', 'web.de', 'email.de', 'mail.com', 'email.com', 'usa.com', 'post.com', 'consultant.com',
  'myself.com', 'dr.com', 'engineer.com', 'europe.com', 'asia.com', 'iname.com', 'writeme.com', 'cheerful.com',
  'techie.com', 'accountant.com', 'workmail.com',
];

const GERMAN_SPEAKING = [
  't-online.de', 'freenet.de', 'arcor.de', 'online.de', '1und1.de', 'vodafone.de', 'kabelmail.de',
  'bluewin.ch', 'sunrise.ch', 'hispeed.ch', 'gmx.eu', 'chello.at', 'aon.at', 'a1.net',
];

const FRENCH = [
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'laposte.net', 'bbox.fr', 'club-internet.fr', 'aliceadsl.fr',
  'numericable.fr', 'cegetel.net', 'noos.fr', 'voila.fr', 'skynet.be', 'telenet.be', 'proximus.be',
];

const ITALIAN_SPANISH_PORTUGUESE = [
  'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'tin.it', 'email.it', 'inwind.it', 'iol.it', 'fastwebnet.it',
  'tim.it', 'terra.es', 'telefonica.net', 'movistar.es', 'ya.com', 'sapo.pt', 'iol.pt', 'clix.pt', 'netcabo.pt',
  'terra.com.br', 'bol.com.br', 'uol.com.br', 'ig.com.br', 'globo.com', 'r7.com', 'oi.com.br', 'prodigy.net.mx',
];

const UK_IRELAND = [
  'btinternet.com', 'btopenworld.com', 'talktalk.net', 'tiscali.co.uk', 'sky.com', 'virginmedia.com', 'ntlworld.com',
  'blueyonder.co.uk', 'freeserve.co.uk', 'lineone.net', 'eircom.net', 'o2.co.uk', 'plus.net', 'orange.net',
];

const NORDIC_BENELUX = [
  'ziggo.nl', 'kpnmail.nl', 'home.nl', 'planet.nl', 'hetnet.nl', 'casema.nl', 'xs4all.nl', 'chello.nl', 'upcmail.nl',
  'telia.com', 'telia.se', 'comhem.se', 'bredband.net', 'spray.se', 'online.no', 'telenor.no', 'getmail.no',
  'jubii.dk', 'mail.dk', 'ofir.dk', 'suomi24.fi', 'luukku.com', 'kolumbus.fi',
];

const CENTRAL_EASTERN_EUROPE = [
  'wp.pl', 'o2.pl', 'onet.pl', 'onet.eu', 'op.pl', 'interia.pl', 'interia.eu', 'poczta.fm', 'gazeta.pl', 'tlen.pl',
  'seznam.cz', 'email.cz', 'centrum.cz', 'post.cz', 'volny.cz', 'atlas.cz', 'azet.sk', 'centrum.sk', 'zoznam.sk',
  'freemail.hu', 'citromail.hu', 'indamail.hu', 'abv.bg', 'dir.bg', 'mail.bg', 'inbox.lv', 'inbox.lt',
  'mail.ee', 'hot.ee', 'net.hr', 'email.si', 'siol.net',
];

const RUSSIAN_SPEAKING = [
  'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'internet.ru', 'mail.ua', 'yandex.ru', 'yandex.com', 'yandex.by', 'yandex.kz',
  'yandex.ua', 'yandex.com.tr', 'ya.ru', 'narod.ru', 'rambler.ru', 'lenta.ru', 'autorambler.ru', 'ro.ru', 'ukr.net',
  'i.ua', 'meta.ua', 'bigmir.net', 'tut.by',
];

const EAST_ASIA = [
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', '188.com', 'vip.163.com', 'vip.126.com', 'sina.com',
  'sina.cn', 'sina.com.cn', 'sohu.com', 'aliyun.com', '139.com', '189.cn', 'wo.cn', 'tom.com', '21cn.com',
  'naver.com', 'hanmail.net', 'daum.net', 'kakao.com', 'nate.com',
  'docomo.ne.jp', 'ezweb.ne.jp', 'softbank.ne.jp', 'i.softbank.jp', 'au.com', 'nifty.com', 'biglobe.ne.jp', 'ybb.ne.jp',
  'ocn.ne.jp', 'so-net.ne.jp', 'excite.co.jp', 'goo.jp', 'netvigator.com', 'pchome.com.tw', 'hinet.net', 'seed.net.tw',
];

const SOUTH_SOUTHEAST_ASIA_OCEANIA = [
  'rediffmail.com', 'rediff.com', 'sify.com', 'indiatimes.com', 'in.com', 'vsnl.net', 'bigpond.com', 'bigpond.net.au',
  'optusnet.com.au', 'iinet.net.au', 'tpg.com.au', 'ozemail.com.au', 'internode.on.net', 'xtra.co.nz', 'slingshot.co.nz',
  'clear.net.nz', 'singnet.com.sg', 'pacific.net.sg', 'streamyx.com', 'pldtdsl.net',
];

const AMERICAS = [
  'comcast.net', 'xfinity.com', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'pacbell.net', 'ameritech.net',
  'swbell.net', 'flash.net', 'prodigy.net', 'charter.net', 'spectrum.net', 'roadrunner.com', 'rr.com', 'twc.com',
  'cox.net', 'earthlink.net', 'mindspring.com', 'juno.com', 'netzero.net', 'netzero.com', 'optonline.net',
  'frontier.com', 'frontiernet.net', 'windstream.net', 'centurylink.net', 'embarqmail.com', 'q.com', 'mchsi.com',
  'cableone.net', 'suddenlink.net', 'wowway.com', 'knology.net', 'shaw.ca', 'rogers.com', 'sympatico.ca',
  'bell.net', 'telus.net', 'videotron.ca', 'cogeco.ca', 'eastlink.ca', 'yahoo.com.ve',
];

const MIDDLE_EAST_AFRICA = [
  'walla.co.il', 'walla.com', 'bezeqint.net', 'netvision.net.il', '012.net.il', 'mweb.co.za', 'telkomsa.net', 'webmail.co.za',
  'iafrica.com', 'vodamail.co.za', 'gawab.com', 'maktoob.com', 'naseej.com', 'emirates.net.ae',
];

const OTHER_GLOBAL = [
  'mail2world.com', 'lycos.com', 'excite.com', 'inbox.com', 'mailinator.com', 'yopmail.com',
  'guerrillamail.com', 'sharklasers.com', '10minutemail.com', 'temp-mail.org', 'trashmail.com', 'getnada.com',
  'dispostable.com', 'maildrop.cc', 'tempmail.net', 'throwawaymail.com', 'fakeinbox.com', 'mailnesia.com',
  'hey.com', 'duck.com', 'simplelogin.com', 'anonaddy.me', 'addy.io', 'relay.firefox.com', 'mozmail.com',
  'privaterelay.appleid.com', 'airmail.net', 'emailn.de', 'mail.de', 'bluemail.ch',
];

/** Every list above, in one array (the unit test checks each entry is a lower-case host name and none repeats). */
export const FREE_MAIL_DOMAIN_LIST: readonly string[] = [
  ...GOOGLE, ...MICROSOFT, ...YAHOO, ...AOL_VERIZON, ...APPLE, ...PRIVACY, ...GMX_UNITED_INTERNET, ...GERMAN_SPEAKING,
  ...FRENCH, ...ITALIAN_SPANISH_PORTUGUESE, ...UK_IRELAND, ...NORDIC_BENELUX, ...CENTRAL_EASTERN_EUROPE,
  ...RUSSIAN_SPEAKING, ...EAST_ASIA, ...SOUTH_SOUTHEAST_ASIA_OCEANIA, ...AMERICAS, ...MIDDLE_EAST_AFRICA, ...OTHER_GLOBAL,
];

export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set(FREE_MAIL_DOMAIN_LIST);

/** Whether `domain` (already lower-case, without "www.") is a free or consumer mailbox provider. */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain);
}
