package direct

// Param is the name of the request's field as its errors report it: with the batch prefix
// ("videos[3].callback_url") when the request is one of a batch.
func (r *Request) Param(name string) string { return r.prefix + name }
