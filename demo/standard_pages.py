"""The network's own pages: About, the accessibility statement and the privacy notice.

Written for this site as it is built: what it stores, what it shows and how it is tested.
``{contact_email}`` is filled in from settings.NETWORK_CONTACT_EMAIL.
"""

ABOUT = """
<p>The Co-operative Councils Knowledge Network is where member councils share what they have
tried with their communities: what they did, what it cost, who they worked with and what
happened. Every case study has the same structured facts (approach, theme, budget, council type,
region, status and outcomes with their evidence) so that practitioners can find projects from
places like theirs and compare them.</p>
<h2>Who it is for</h2>
<ul>
<li>Officers in member councils, who write up their projects.</li>
<li>Practitioners: officers in other councils, councillors, voluntary groups and researchers,
who search and compare case studies.</li>
<li>Network staff, who welcome new members, review case studies before they are published and
look after the list of approaches and themes.</li>
</ul>
<h2>How case studies are published</h2>
<p>An officer writes a case study for their own council and submits it for review. Network
staff check it and publish it. Officers cannot edit another council's pages.</p>
<h2>Fictional examples</h2>
<p>Some councils on this site are made up, to show how the site works. Their pages say
“fictional example” and none of their figures describe a real project. Case studies from real
councils give only the figures those councils have published; where a figure is not known, the
page says “not stated”.</p>
<h2>Open data</h2>
<p>Published case studies and member councils are available as structured data through the
<a href="/api/v2/pages/?type=casestudies.CaseStudyPage&amp;fields=*">API</a>. The API never
includes drafts or contact email addresses.</p>
<h2>Contact</h2>
<p>Email network staff at <a href="mailto:{contact_email}">{contact_email}</a>.</p>
"""

ACCESSIBILITY_STATEMENT = """
<p>This accessibility statement applies to the Co-operative Councils Knowledge Network website.
It is prepared under the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
Accessibility Regulations 2018, because the site is run for and with public sector bodies.</p>
<p>We want as many people as possible to be able to use this website. For example, you should
be able to:</p>
<ul>
<li>change colours, contrast levels and fonts using your browser or device settings</li>
<li>zoom in up to 400% without the text spilling off the screen</li>
<li>use the site on a screen 320 pixels wide, such as a small phone, without scrolling
sideways</li>
<li>navigate the whole site using just a keyboard, with a visible focus indicator</li>
<li>navigate the site using speech recognition software</li>
<li>listen to the site using a screen reader (including recent versions of JAWS, NVDA and
VoiceOver)</li>
<li>use the search and its filters without JavaScript</li>
</ul>
<p>We have also made the text as simple as we can. <a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a>
has advice on making your device easier to use if you have a disability.</p>
<h2>How accessible this website is</h2>
<p>The public pages are built with the GOV.UK Frontend components, which are designed and tested
to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at AA level. We know some
parts may not be fully accessible:</p>
<ul>
<li>reports and other documents uploaded by councils (often PDFs) may not be structured for
screen readers</li>
<li>videos embedded in case studies come from other websites and may not have captions</li>
<li>images uploaded by councils depend on the alternative text their officers write; the site
asks for it but cannot check that it is accurate</li>
</ul>
<h2>Feedback and contact information</h2>
<p>If you need information on this website in a different format, such as accessible PDF, large
print, easy read, audio recording or braille, or you find a problem not listed on this page,
email <a href="mailto:{contact_email}">{contact_email}</a>. We will reply within 10 working days.
For a case study, we may need to ask the council that wrote it for the original
information.</p>
<h2>Enforcement procedure</h2>
<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
“accessibility regulations”). If you are not happy with how we respond to your complaint,
contact the <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support
Service (EASS)</a>. In Northern Ireland, contact the
<a href="https://www.equalityni.org/Home">Equality Commission for Northern Ireland</a>.</p>
<h2>Technical information about this website's accessibility</h2>
<p>We are committed to making this website accessible, in accordance with the Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.</p>
<h3>Compliance status</h3>
<p>This website is partially compliant with the
<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA
standard, due to the non-compliances listed below.</p>
<h3>Non-accessible content</h3>
<p>Documents uploaded by member councils may not meet WCAG 2.2 success criterion 1.3.1 (info and
relationships), for example PDFs without tags or headings. When we find one, we ask the council
for an accessible version or an HTML summary in the case study itself. Where a video is embedded,
it may not meet success criterion 1.2.2 (captions, prerecorded) if the original has no
captions.</p>
<h3>Content that is not within the scope of the accessibility regulations</h3>
<p>PDFs and other documents published before 23 September 2018 are exempt if they are not
essential to using a service. Content from other websites (such as embedded videos) that we do
not fund, develop or control is also out of scope.</p>
<h2>What we are doing to improve accessibility</h2>
<p>Every page type (home, search, council, case study, sign-in and error pages) is checked with
automated accessibility tests (axe-core) in a real browser, and the main journeys are tested
using only a keyboard, before changes are released. We ask councils to upload accessible
documents and to summarise the key facts of every case study as text on the page.</p>
<h2>Preparation of this accessibility statement</h2>
<p>This statement was prepared in November 2026. It will be reviewed at least once a year and
whenever the site changes significantly.</p>
"""

PRIVACY_NOTICE = """
<p>This notice explains what personal data the Co-operative Councils Knowledge Network website
uses, why, and your rights under the UK General Data Protection Regulation (UK GDPR) and the Data
Protection Act 2018.</p>
<h2>Who we are</h2>
<p>The network's staff run this website on behalf of its member councils and are the data
controller for the personal data described here. You can contact us at
<a href="mailto:{contact_email}">{contact_email}</a>. A member council is responsible for the
content of the case studies it writes, including the contact details it puts in them.</p>
<h2>If you only read the site</h2>
<p>You do not need an account to read or search case studies. Reading and searching set no
cookies, and we do not use analytics, advertising or tracking cookies; the
<a href="/cookies/">cookies page</a> lists the few that signing in sets. Like any website, our
server logs each request to keep the site secure and working: your IP address, the time, the
address of the page asked for, the page you came from and your browser's name and version. The
address of a search results page includes the words you searched for and the filters you
chose, so they are in that log too. We do not store your searches anywhere else; only when
the search engine fails on one may its error, which can quote the words, reach our error log,
without your IP address, so that we can fix it.</p>
<h2>If you have an account</h2>
<p>Officers of member councils and network staff have accounts. For them we hold:</p>
<ul>
<li>name, email address, username and the council they work for</li>
<li>which pages they wrote, edited, submitted or approved, and when</li>
<li>the time, IP address and browser of each sign-in and sign-out, and of each failed sign-in
attempt with the username tried, so that repeated guessing of a password can be blocked</li>
<li>the emails we send them, such as invitations and review notices, which wait in our database
until they are delivered</li>
</ul>
<p>Signing in sets a cookie that keeps you signed in and one that protects forms against
forgery, listed on the <a href="/cookies/">cookies page</a>. They are strictly necessary, so we
do not ask for consent to them.</p>
<h2>If you ask a case study's author a question</h2>
<p>Each case study has an "Ask the author" form. We send what you type (your name, email
address, organisation if you give it, and your question) by email to the council officers who
wrote the case study, with a copy to the council's general inbox if it has one; they reply to
you directly. The email waits in our database until it is delivered. We keep a record of each
question for network staff, so that they can deal with misuse: your name, email address,
organisation and question are deleted from it 90 days after you send it, leaving only the date
and the case study it was about. We do not show you the officers' addresses, and we do not
store your IP address with the question (the request log above still records the visit). The
form sets no cookie.</p>
<h2>Contact details in case studies</h2>
<p>A case study may name a contact at the council, with their role and email address. The name
and role are public. The email address is never shown on the site, nor included in the open
data API or the public search index: questions reach the contact through the "Ask the author"
form. A council's general inbox is never shown either.</p>
<h2>Our lawful basis</h2>
<p>We process this data because it is necessary for a task carried out in the public interest
(UK GDPR Article 6(1)(e)): helping councils learn from each other's work with their
communities. For officers' accounts, we also rely on our legitimate interest in keeping the site
secure (Article 6(1)(f)).</p>
<h2>Who we share it with</h2>
<p>We do not sell personal data or share it for marketing. Our hosting provider stores the data
on our behalf under a contract that requires them to protect it. We share it with others only
when the law requires us to.</p>
<h2>How long we keep it</h2>
<p>We keep an account for as long as its holder works with a member council. When someone
leaves, their council or network staff close the account; the pages they wrote stay published,
owned by a colleague. Contact details in a case study are removed or replaced on request. A
question sent through the "Ask the author" form keeps its sender and text for 90 days (see
above); the officers who received it keep their copy under their council's own policy.</p>
<h2>Your rights</h2>
<p>You have the right to ask for a copy of your personal data, to have it corrected or deleted,
to restrict or object to how we use it, and to have it moved to another organisation. To use any
of these rights, email <a href="mailto:{contact_email}">{contact_email}</a>. We will reply within
one month.</p>
<h2>How to complain</h2>
<p>If you are unhappy with how we have used your data, please tell us first. You can also
complain to the Information Commissioner's Office (ICO), Wycliffe House, Water Lane, Wilmslow,
Cheshire, SK9 5AF, on 0303 123 1113, or through
<a href="https://ico.org.uk/make-a-complaint/">the ICO's website</a>.</p>
<h2>Changes to this notice</h2>
<p>This notice was last updated in December 2026.</p>
"""

STANDARD_PAGES = [
    ("About the network", "about", ABOUT),
    ("Accessibility statement", "accessibility-statement", ACCESSIBILITY_STATEMENT),
    ("Privacy notice", "privacy", PRIVACY_NOTICE),
]
