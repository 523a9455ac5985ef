package envelope

import "fmt"

// recipients checks each recipient kind. A definition needs someone who
// signs: a signer or an in-person signer, or, with a template, a role.
func (v *validator) recipients(d *Definition, template bool) {
	rs := d.Recipients
	if len(rs.Signers)+len(rs.InPersonSigners) == 0 && !(template && len(d.TemplateRoles) > 0) {
		v.add("recipients.signers", "is empty; add the person who signs")
	}
	for i, s := range rs.Signers {
		p := fmt.Sprintf("recipients.signers[%d]", i)
		v.person(p, s.RecipientID, s.Name, s.Email, s.Note, s.RoutingOrder)
	}
	for i, c := range rs.CarbonCopies {
		p := fmt.Sprintf("recipients.carbonCopies[%d]", i)
		v.person(p, c.RecipientID, c.Name, c.Email, c.Note, c.RoutingOrder)
	}
	for i, c := range rs.CertifiedDeliveries {
		p := fmt.Sprintf("recipients.certifiedDeliveries[%d]", i)
		v.person(p, c.RecipientID, c.Name, c.Email, c.Note, c.RoutingOrder)
	}
	for i, s := range rs.InPersonSigners {
		p := fmt.Sprintf("recipients.inPersonSigners[%d]", i)
		v.recipientID(p, s.RecipientID)
		v.required(p+".hostName", s.HostName, "the name of the DocuSign user hosting the signing")
		v.email(p+".hostEmail", s.HostEmail)
		v.required(p+".signerName", s.SignerName, "the name of the person signing")
		v.maxLength(p+".note", s.Note, MaxNote)
		v.routingOrder(p, s.RoutingOrder)
	}
	for i, r := range d.TemplateRoles {
		p := fmt.Sprintf("templateRoles[%d]", i)
		v.required(p+".roleName", r.RoleName, "the template's role name")
		v.required(p+".name", r.Name, "the recipient's full name")
		v.maxLength(p+".name", r.Name, MaxName)
		v.email(p+".email", r.Email)
		v.routingOrder(p, r.RoutingOrder)
	}
}

// person checks what every recipient reached by email needs.
func (v *validator) person(path, id, name, email, note string, order int) {
	v.recipientID(path, id)
	v.required(path+".name", name, "the recipient's full name")
	v.maxLength(path+".name", name, MaxName)
	v.email(path+".email", email)
	v.maxLength(path+".note", note, MaxNote)
	v.routingOrder(path, order)
}

func (v *validator) recipientID(path, id string) {
	switch first, dup := v.recipientIDs[id]; {
	case id == "":
		v.add(path+".recipientId", "is empty; give each recipient a unique ID such as \"1\"")
	case dup:
		v.add(path+".recipientId", "%q is already used by %s; recipient IDs must be unique "+
			"across all recipients", id, first)
	default:
		v.recipientIDs[id] = path
	}
}

func (v *validator) routingOrder(path string, order int) {
	if order < 0 {
		v.add(path+".routingOrder", "is %d; routing orders start at 1", order)
	}
}

// tabsOf checks the tabs of every recipient that has them.
func (v *validator) tabsOf(d *Definition) {
	for i, s := range d.Recipients.Signers {
		v.tabs(fmt.Sprintf("recipients.signers[%d].tabs", i), s.Tabs, d)
	}
	for i, s := range d.Recipients.InPersonSigners {
		v.tabs(fmt.Sprintf("recipients.inPersonSigners[%d].tabs", i), s.Tabs, d)
	}
	for i, r := range d.TemplateRoles {
		v.tabs(fmt.Sprintf("templateRoles[%d].tabs", i), r.Tabs, d)
	}
}

func (v *validator) tabs(path string, t Tabs, d *Definition) {
	for _, tp := range t.placements() {
		v.placement(path+"."+tp.path, tp.Placement, d)
	}
}

// tabPlacement is a tab's placement and its path below the tabs, such as
// "signHereTabs[0]".
type tabPlacement struct {
	path string
	Placement
}

// placements lists the placement of every tab.
func (t Tabs) placements() []tabPlacement {
	var out []tabPlacement
	add := func(kind string, i int, p Placement) {
		out = append(out, tabPlacement{fmt.Sprintf("%s[%d]", kind, i), p})
	}
	for i, tab := range t.SignHereTabs {
		add("signHereTabs", i, tab.Placement)
	}
	for i, tab := range t.InitialHereTabs {
		add("initialHereTabs", i, tab.Placement)
	}
	for i, tab := range t.DateSignedTabs {
		add("dateSignedTabs", i, tab.Placement)
	}
	for i, tab := range t.FullNameTabs {
		add("fullNameTabs", i, tab.Placement)
	}
	for i, tab := range t.TextTabs {
		add("textTabs", i, tab.Placement)
	}
	for i, tab := range t.CheckboxTabs {
		add("checkboxTabs", i, tab.Placement)
	}
	return out
}

// placement checks that a tab is placed and points at a document of the
// definition. With a template the documents are the template's, so a
// document ID cannot be checked.
func (v *validator) placement(path string, p Placement, d *Definition) {
	switch {
	case p.AnchorString == "" && p.DocumentID == "":
		v.add(path, "has neither an anchor string nor a document position; place it "+
			"with Anchor or Position")
	case p.DocumentID != "" && d.TemplateID == "" && !v.documentIDs[p.DocumentID]:
		v.add(path+".documentId", "%q is not the ID of a document in this envelope", p.DocumentID)
	case p.AnchorString == "" && p.PageNumber < 1:
		v.add(path+".pageNumber", "is %d; a tab placed by position needs a page, "+
			"counted from 1", p.PageNumber)
	}
}
